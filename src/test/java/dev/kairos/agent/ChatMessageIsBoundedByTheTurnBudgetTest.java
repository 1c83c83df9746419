package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat message over the turn budget (6,000 tokens) is clipped: the request the provider receives stays within the
 * budget, the model sees the message's beginning and end and is told it was clipped, and the user is told in the
 * note. An empty message is refused in one line without a model call.
 */
class ChatMessageIsBoundedByTheTurnBudgetTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aMegabyteMessageIsClippedToTheTurnBudget() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = env(server);
            assertThat(CliRun.run(env, clock, "chat", "hi").exitCode()).isZero();
            long small = server.lastRequest().inputTokens();

            StringBuilder log = new StringBuilder("BEGINNING-OF-THE-LOG\n");
            for (int i = 0; log.length() < 1_000_000; i++) {
                log.append("2026-11-25 08:").append(i % 60).append(" worker-").append(i).append(" processed batch ")
                        .append(Integer.toHexString(i * 7919)).append(" in ").append(i % 977).append(" ms\n");
            }
            log.append("END-OF-THE-LOG: why did the last batch fail?");
            CliRun chat = CliRun.run(env, clock, "chat", "--json", log.toString());

            assertThat(chat.exitCode()).as(chat.err()).isZero();
            long sent = server.lastRequest().inputTokens();
            assertThat(sent).as("a megabyte sent as at most the turn budget more than 'hi'")
                    .isLessThanOrEqualTo(small + Agent.Budgets.DEFAULT.context());
            String seen = Conversation.lastUserText(server.lastRequest());
            assertThat(seen).contains("BEGINNING-OF-THE-LOG").contains("END-OF-THE-LOG: why did the last batch fail?")
                    .contains("tokens cut").contains("the user's message (1,0");
            JsonNode reply = Json.MAPPER.readTree(chat.out());
            assertThat(reply.get("note").asText()).startsWith("your message was clipped: it has 1,0")
                    .contains("6,000 tokens");
        }
    }

    @Test
    void anEmptyMessageIsRefusedWithoutAModelCall() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = env(server);
            for (String empty : new String[] {"", "   \n\t"}) {
                CliRun chat = CliRun.run(env, clock, "chat", empty);

                assertThat(chat.exitCode()).isEqualTo(1);
                assertThat(chat.out()).isEmpty();
                assertThat(chat.err()).endsWith("\n");
                assertThat(chat.err().strip()).startsWith("kairos: ").contains("the message is empty")
                        .doesNotContain("\n").doesNotContain("Exception");
            }
            assertThat(server.requestCount()).isZero();
        }
    }

    private Map<String, String> env(FakeModelServer server) {
        Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
        return env;
    }
}
