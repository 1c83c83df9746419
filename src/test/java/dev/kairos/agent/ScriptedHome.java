package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Kairos home talking to a scripted model, for the approval tests: the command line in this JVM, untrusted
 * messages dropped into the inbox, and a command that counts its own executions by appending to a file.
 */
record ScriptedHome(Path home, SettableClock clock, Map<String, String> env) {

    /** The command whose every execution appends one line to {@code runs.txt} in the home. */
    static final String COUNTED = "echo ran >> runs.txt";

    static ScriptedHome init(Path home, SettableClock clock, FakeModelServer server) {
        Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
        return new ScriptedHome(home, clock, env);
    }

    /** The agent as `kairos tick` runs it: one beat at a time, sensors polled. */
    Kairos open() {
        return Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT);
    }

    CliRun cli(String... args) {
        return CliRun.run(env, clock, args);
    }

    /** `kairos approvals ARGS --json`, which must succeed. */
    JsonNode approvals(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "approvals";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--json";
        CliRun run = cli(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.MAPPER.readTree(run.out());
    }

    /** A message from someone else, as a mail sensor stores it: its task is untrusted, so commands are asked. */
    void message(Kairos k, String from, String text) {
        k.inbox().add(Event.observed("mail", "message.received", from + "@" + clock.instant(), clock.instant(),
                Trust.UNTRUSTED, "mail from " + from + ": " + text,
                Json.write(Map.of("from", from + "@example.com", "text", text))));
    }

    /** What the last user message says after the memories and the time: the task, or the user's words. */
    static String said(RecordedRequest request) {
        String text = Conversation.lastUserText(request);
        int now = text.indexOf("Now: ");
        int start = now < 0 ? -1 : text.indexOf("\n\n", now);
        return start < 0 ? text : text.substring(start + 2);
    }

    /** How many times {@link #COUNTED} ran. */
    long runs() throws IOException {
        Path file = home.resolve("runs.txt");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.equals("ran")).count() : 0;
    }
}
