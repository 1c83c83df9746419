package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChangesAreDebouncedTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    private FileSensor polling(Path folder, String... extraIgnores) {
        return new FileSensor(() -> List.of(Watch.of(folder)), clock, FileSensor.Detection.POLLING,
                FileSensor.DEFAULT_DEBOUNCE, List.of(extraIgnores));
    }

    private List<Event> pollAfter(FileSensor sensor, Duration wait) {
        return sensor.poll(clock.advance(wait));
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> paths(Event event) {
        try {
            JsonNode payload = new ObjectMapper().readTree(event.payload());
            List<String> paths = new ArrayList<>();
            payload.get("paths").forEach(p -> paths.add(p.asText()));
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void severalWritesBecomeOneEventOnceTheFolderIsQuiet() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("project"));
        write(folder.resolve("a.txt"), "a");
        FileSensor sensor = polling(folder);
        assertThat(sensor.poll(clock.instant())).isEmpty();

        write(folder.resolve("a.txt"), "a, edited");
        write(folder.resolve("b.txt"), "b");
        assertThat(pollAfter(sensor, Duration.ofSeconds(1))).isEmpty();
        write(folder.resolve("docs/c.txt"), "c");
        assertThat(pollAfter(sensor, Duration.ofSeconds(1))).isEmpty();
        assertThat(pollAfter(sensor, Duration.ofMillis(1500))).isEmpty();
        List<Event> events = pollAfter(sensor, Duration.ofMillis(500));

        assertThat(events).hasSize(1);
        Event event = events.getFirst();
        assertThat(event.source()).isEqualTo("files");
        assertThat(event.kind()).isEqualTo("files.changed");
        assertThat(event.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(event.key()).startsWith(folder + ":").hasSize(folder.toString().length() + 17);
        assertThat(event.summary()).isEqualTo("3 files changed in project: a.txt, b.txt, docs/c.txt");
        assertThat(paths(event)).containsExactly("a.txt", "b.txt", "docs/c.txt");
        assertThat(new ObjectMapper().readTree(event.payload()).get("count").asInt()).isEqualTo(3);
        assertThat(pollAfter(sensor, Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void theSameFileChangedAgainLaterIsANewEventAndDeletionsCount() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("project"));
        Path a = write(folder.resolve("a.txt"), "a");
        FileSensor sensor = polling(folder);
        sensor.poll(clock.instant());

        write(a, "a2");
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-11-25T10:00:01Z")));
        pollAfter(sensor, Duration.ofSeconds(1));
        Event first = pollAfter(sensor, Duration.ofSeconds(2)).getFirst();
        write(a, "a3");
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-11-25T10:00:05Z")));
        pollAfter(sensor, Duration.ofSeconds(1));
        Event second = pollAfter(sensor, Duration.ofSeconds(2)).getFirst();
        Files.delete(a);
        pollAfter(sensor, Duration.ofSeconds(1));
        Event third = pollAfter(sensor, Duration.ofSeconds(2)).getFirst();

        assertThat(List.of(first.key(), second.key(), third.key())).doesNotHaveDuplicates();
        assertThat(third.summary()).isEqualTo("1 file changed in project: a.txt");
    }

    @Test
    void ignoredPathsProduceNoEvents() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp.resolve("project"))) {
            Path root = repo.dir();
            write(root.resolve(".gitignore"), "*.log\nsecret/\n");
            write(root.resolve("sub/.gitignore"), "local.txt\n");
            repo.commit("Ignore rules");
            FileSensor sensor = polling(root, "*.tmp");
            sensor.poll(clock.instant());

            for (String noise : List.of(".git/junk", "target/A.class", "build/out.bin", "node_modules/m/index.js",
                    ".idea/workspace.xml", "notes.txt.swp", "notes.txt~", "app.log", "secret/key.txt",
                    "sub/local.txt", "sub/deeper/target/B.class", "scratch.tmp")) {
                write(root.resolve(noise), "noise");
            }
            repo.commit("Commit changes only .git");
            assertThat(pollAfter(sensor, Duration.ofSeconds(1))).isEmpty();
            assertThat(pollAfter(sensor, Duration.ofSeconds(5))).isEmpty();

            write(root.resolve("src/Main.java"), "class Main {}");
            write(root.resolve("sub/kept.txt"), "kept");
            pollAfter(sensor, Duration.ofSeconds(1));
            List<Event> events = pollAfter(sensor, Duration.ofSeconds(5));

            assertThat(events).hasSize(1);
            assertThat(paths(events.getFirst())).containsExactly("src/Main.java", "sub/kept.txt");
        }
    }

    @Test
    void manyChangesAreCappedInTheSummaryAndThePayload() {
        Path folder = tmp.resolve("big");
        write(folder.resolve("keep"), "");
        FileSensor sensor = polling(folder);
        sensor.poll(clock.instant());
        for (int i = 0; i < 120; i++) write(folder.resolve("f%03d.txt".formatted(i)), "x");

        pollAfter(sensor, Duration.ofSeconds(1));
        Event event = pollAfter(sensor, Duration.ofSeconds(3)).getFirst();

        assertThat(event.summary()).isEqualTo(
                "120 files changed in big: f000.txt, f001.txt, f002.txt, f003.txt, f004.txt and 115 more");
        assertThat(paths(event)).hasSize(Folder.MAX_PATHS);
    }

    @Test
    void theWatchServiceWakesTheHeartbeatAfterTheQuietWindow() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("project"));
        write(folder.resolve("a.txt"), "a");
        Duration debounce = Duration.ofMillis(300);
        FileSensor sensor = new FileSensor(() -> List.of(Watch.of(folder)), clock,
                FileSensor.Detection.WATCH_SERVICE, debounce, List.of());
        AtomicInteger wakes = new AtomicInteger();
        sensor.onWake(wakes::incrementAndGet);
        try (sensor) {
            assertThat(sensor.poll(clock.instant())).isEmpty();
            assertThat(sensor.watching()).isTrue();

            write(folder.resolve("a.txt"), "a, edited");
            write(folder.resolve("target/ignored.class"), "x");
            write(folder.resolve("docs/new.txt"), "new folder, new file");
            Await.until(Duration.ofSeconds(20), "the watcher to wake the heartbeat", () -> wakes.get() > 0);
            assertThat(sensor.poll(clock.instant())).as("not quiet yet by the clock").isEmpty();

            Set<String> reported = new TreeSet<>();
            Await.until(Duration.ofSeconds(20), "both changes to be reported", () -> {
                sensor.poll(clock.advance(debounce)).forEach(e -> reported.addAll(paths(e)));
                return reported.size() >= 2;
            });
            assertThat(reported).containsExactly("a.txt", "docs/new.txt");
        }
        assertThat(sensor.watching()).isFalse();
    }

    @Test
    void nestedWatchedFoldersBothSeeAChangeInTheInnerOne() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("code"));
        Path inner = Files.createDirectories(outer.resolve("project"));
        Duration debounce = Duration.ofMillis(100);
        AtomicInteger wakes = new AtomicInteger();
        try (FileSensor sensor = new FileSensor(() -> List.of(Watch.of(outer), Watch.of(inner)), clock,
                FileSensor.Detection.WATCH_SERVICE, debounce, List.of())) {
            sensor.onWake(wakes::incrementAndGet);
            sensor.poll(clock.instant());

            write(inner.resolve("x.txt"), "x");
            Await.until(Duration.ofSeconds(20), "the watcher to wake the heartbeat", () -> wakes.get() > 0);
            List<Event> events = sensor.poll(clock.advance(debounce));

            assertThat(events).extracting(Event::summary).containsExactlyInAnyOrder(
                    "1 file changed in code: project/x.txt", "1 file changed in project: x.txt");
        }
    }

    @Test
    void aMissingFolderDoesNotStopTheOthers() {
        Path folder = tmp.resolve("present");
        write(folder.resolve("a.txt"), "a");
        FileSensor sensor = new FileSensor(() -> List.of(Watch.of(tmp.resolve("absent")), Watch.of(folder)), clock,
                FileSensor.Detection.POLLING);
        sensor.poll(clock.instant());

        write(folder.resolve("a.txt"), "a, edited");
        pollAfter(sensor, Duration.ofSeconds(1));

        assertThat(pollAfter(sensor, Duration.ofSeconds(3))).hasSize(1);
    }
}
