package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.kairos.Kairos;
import dev.kairos.config.ActiveHours;
import dev.kairos.heartbeat.HeartbeatLoop;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * In `kairos up` the mail reader waits in an IMAP IDLE on a thread of its own: a mail that arrives while it idles
 * becomes an event and a reply task at once, though the beat's interval is an hour and the reader's poll a minute
 * away; stopping Kairos ends the IDLE, so close returns with the reader's thread gone.
 */
class IdlingMailboxWakesTheBeatTest {
    @RegisterExtension final GreenMailExtension mail = MailHome.server();
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aMailArrivingDuringTheIdleBecomesATaskAndCloseEndsTheIdle() throws Exception {
        MailHome m = MailHome.at(home, null, mail, clock, "");
        Thread beats;
        try (Kairos k = m.open(Kairos.Mode.DAEMON)) {
            // wired as UpCommand wires it: an hour between beats, so only the reader's wake can bring one
            HeartbeatLoop loop = new HeartbeatLoop(k.heartbeat(), Duration.ofHours(1), Duration.ZERO,
                    ActiveHours.ALWAYS, ZoneOffset.UTC, clock, new Random(1), beat -> {});
            k.sensors().forEach(s -> s.onWake(loop::wake));
            beats = Thread.ofPlatform().name("test-beats").start(loop::run);
            MailReader reader = (MailReader) k.sensors().stream().filter(s -> s.name().equals(Email.NAME))
                    .findFirst().orElseThrow();
            Await.until(Duration.ofSeconds(20), "the reader to idle", reader::idling);

            m.mailAgent(MailHome.USER, "<idle1@example.com>", "Lunch?", "Shall we have lunch at noon?");
            Await.until(Duration.ofSeconds(20), "the mail's reply task",
                    () -> !k.tasks().inState(Task.State.PENDING).isEmpty());
            assertThat(MailHome.texts(k)).containsExactly("Subject: Lunch?\n\nShall we have lunch at noon?");
            assertThat(k.tasks().inState(Task.State.PENDING)).singleElement()
                    .satisfies(t -> assertThat(t.kind()).isEqualTo("reply"));
            Await.until(Duration.ofSeconds(20), "the reader to idle again", reader::idling);

            loop.stop();
            beats.join();
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("closed: the IDLE has ended and its thread with it")
                .noneMatch(thread -> thread.getName().equals("kairos-email"));
    }
}
