package dev.kairos;

import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import dev.kairos.notify.Notification;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RawHttp;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestNotifier;
import dev.kairos.web.ApprovalAnswers;
import dev.kairos.web.WebServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kairos home whose notifications reach a {@link TestNotifier} and whose approval links are answered by the real
 * web server on loopback, reached as a phone reaches it through a tunnel: the public URL's Host on 127.0.0.1. The
 * model asks to run {@link #COUNTED}, which counts its runs in runs.txt, and finishes once it saw a tool result or,
 * in a chat that resumes, the decision.
 */
final class PhoneHome implements AutoCloseable {
    static final String COUNTED = "echo ran >> runs.txt";
    static final String PUBLIC_URL = "https://kairos.example.ts.net";

    final Path home;
    final SettableClock clock;
    final TestNotifier notifier;
    final AtomicInteger wakes;
    final Kairos kairos;
    private final WebServer web;

    private PhoneHome(Path home, SettableClock clock, TestNotifier notifier, AtomicInteger wakes, Kairos kairos,
            WebServer web) {
        this.home = home;
        this.clock = clock;
        this.notifier = notifier;
        this.wakes = wakes;
        this.kairos = kairos;
        this.web = web;
    }

    static PhoneHome start(Path home, SettableClock clock, FakeModelServer server) {
        server.respondWith(r -> {
            if (Conversation.lastUserText(r).contains("approved by the user")) return Reply.text("It ran."); // a chat
            if (Conversation.lastToolResult(r).isPresent()) return Reply.text("Done.");
            return Reply.toolUse("run_command", Json.write(Map.of("command", COUNTED)));
        });
        Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_PUBLIC_URL", PUBLIC_URL)
                .init(clock).env();
        TestNotifier notifier = new TestNotifier();
        Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT, List.of(notifier));
        AtomicInteger wakes = new AtomicInteger();
        WebServer web = WebServer.start(0, new WebServer.Parts(k::status, () -> "beat",
                new WebServer.Chat(k::agent, k.store().jdbi(), k.ledger(), Optional.empty()), Optional.empty())
                .withAnswers(new ApprovalAnswers(k.approvals(), k.approvalLinks(), wakes::incrementAndGet)));
        return new PhoneHome(home, clock, notifier, wakes, k, web);
    }

    void beat() {
        kairos.heartbeat().beat();
    }

    /** A message from someone else: its task is untrusted, so the command it leads to waits for an approval. */
    void message(String from, String text) {
        kairos.inbox().add(Event.observed("mail", "message.received", from + "@" + clock.instant(), clock.instant(),
                Trust.UNTRUSTED, "mail from " + from + ": " + text, Json.write(Map.of("from", from, "text", text))));
    }

    /** The approval notifications delivered, in order. */
    List<Notification> approvalNotices() {
        return notifier.received().stream().filter(n -> n.tags().contains("approval")).toList();
    }

    static URI action(Notification n, String label) {
        return n.actions().stream().filter(a -> a.label().equals(label)).findFirst().orElseThrow().url();
    }

    /** The link as the phone opens it: to the loopback port, Host the public URL's. */
    RawHttp.Response send(String method, URI link) throws IOException {
        return RawHttp.send(method, link, web.port(), link.getHost());
    }

    long runs() throws IOException {
        Path file = home.resolve("runs.txt");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.equals("ran")).count() : 0;
    }

    @Override
    public void close() {
        web.close();
        kairos.close();
    }
}
