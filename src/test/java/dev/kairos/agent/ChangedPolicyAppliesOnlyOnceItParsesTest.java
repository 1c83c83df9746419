package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigChanges;
import dev.kairos.config.ConfigReader;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The user tightens kairos.yaml while the agent runs: the next look takes the new policy and the log says so. A
 * later edit that does not parse changes nothing: the log gives the error and the policy in force stays.
 */
class ChangedPolicyAppliesOnlyOnceItParsesTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigChanges.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    @Test
    void aValidChangeReloadsAndABrokenOneKeepsThePolicyInForce() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).config("timezone: UTC\n").env();
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock)) {
                ConfigChanges changes = new ConfigChanges(home, env);
                changes.check(k::reload);
                assertThat(logs.list).as("nothing changed, nothing said").isEmpty();
                assertThat(write(k, server, "notes/a.md").isError()).isFalse();

                Files.writeString(home.resolve("kairos.yaml"), """
                        timezone: UTC
                        policy:
                          rules:
                            - tool: write_file
                              match: "notes/**"
                              decision: deny
                        """);
                changes.check(k::reload);
                assertThat(messages()).containsExactly("kairos.yaml changed: reloaded (policy rules: 1)");
                Conversation.ToolResultSeen refused = write(k, server, "notes/b.md");
                assertThat(refused.content()).startsWith("refused").contains("policy.rules.0");
                assertThat(home.resolve("notes/b.md")).doesNotExist();

                Files.writeString(home.resolve("kairos.yaml"), """
                        timezone: UTC
                        policy:
                          rules:
                            - tool: write_file
                              match: "notes/**"
                              decision: sometimes
                        """);
                changes.check(k::reload);
                assertThat(messages()).hasSize(2);
                assertThat(messages().get(1)).startsWith("kairos.yaml changed but cannot be used: ")
                        .contains("decision").contains("sometimes")
                        .endsWith("; keeping the previous configuration").doesNotContain("\n");
                assertThat(write(k, server, "notes/c.md").content()).startsWith("refused");
                assertThat(home.resolve("notes/c.md")).doesNotExist();
                changes.check(k::reload);
                assertThat(messages()).as("the same broken file is reported once").hasSize(2);
            }
        }
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Conversation.ToolResultSeen write(Kairos k, FakeModelServer server, String path) {
        server.enqueue(Reply.toolUse("write_file", Json.write(Map.of("path", path, "content", "x\n"))));
        server.enqueue(Reply.text("Done."));
        k.agent().orElseThrow().chat("write " + path);
        return Conversation.lastToolResult(server.lastRequest()).orElseThrow();
    }
}
