package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.effect.Outcome;
import dev.kairos.json.Json;
import dev.kairos.testkit.LoopbackHttp;
import dev.kairos.testkit.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an ntfy server receives is ntfy's "Publish as JSON" (docs/publish.md; server/types.go publishMessage): a POST
 * to the ROOT URL of {topic, title, message, priority, tags, click, actions}, http actions as the docs define them.
 */
class NtfyReceivesItsDocumentedJsonTest {
    private final LoopbackHttp ntfy = LoopbackHttp.start();
    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");

    @AfterEach
    void stop() {
        ntfy.close();
    }

    private NtfyNotifier notifier(String topicPath, Optional<String> token) {
        return new NtfyNotifier(ntfy.url(topicPath), token, HttpClient::newHttpClient, clock);
    }

    private JsonNode onlyBody() {
        assertThat(ntfy.received()).hasSize(1);
        return Json.tree(ntfy.received().getFirst().text());
    }

    @Test
    void anApprovalArrivesAsNtfysJsonWithHttpActionsAtTheRootUrl() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"hwQ2YpKdmg\",\"time\":1764144000,\"event\":\"message\","
                + "\"topic\":\"kairos-alerts\",\"message\":\"...\"}"));
        Notification n = new Notification("Run `rm -rf build`?", "The agent wants to run a command in ~/code/app.",
                Notification.Priority.URGENT, List.of(
                        new Notification.Action("Approve", URI.create("https://kairos.example/approvals/7/approve?sig=a1"), "POST"),
                        new Notification.Action("Deny", URI.create("https://kairos.example/approvals/7/deny?sig=d2"), "POST")),
                Optional.of(URI.create("https://kairos.example/approvals/7")), List.of("warning"));

        Outcome o = notifier("/kairos-alerts", Optional.of("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2")).send(n);

        assertThat(o).isEqualTo(new Outcome.Delivered("hwQ2YpKdmg")); // ntfy's message id is the receipt
        LoopbackHttp.Received r = ntfy.received().getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/"); // the root, not the topic URL: ntfy's docs insist
        assertThat(r.header("Authorization")).isEqualTo("Bearer tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");
        JsonNode body = onlyBody();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("topic", "title", "message", "priority", "tags", "click", "actions");
        assertThat(body.get("topic").asText()).isEqualTo("kairos-alerts");
        assertThat(body.get("title").asText()).isEqualTo("Run `rm -rf build`?");
        assertThat(body.get("message").asText()).isEqualTo("The agent wants to run a command in ~/code/app.");
        assertThat(body.get("priority").isInt()).isTrue();
        assertThat(body.get("priority").asInt()).isEqualTo(5);
        assertThat(body.get("tags")).hasSize(1);
        assertThat(body.get("tags").get(0).asText()).isEqualTo("warning");
        assertThat(body.get("click").asText()).isEqualTo("https://kairos.example/approvals/7");
        assertThat(body.get("actions")).hasSize(2);
        assertThat(body.get("actions").get(0)).isEqualTo(Json.tree("""
                {"action":"http","label":"Approve","url":"https://kairos.example/approvals/7/approve?sig=a1",
                 "method":"POST","clear":true}"""));
        assertThat(body.get("actions").get(1)).isEqualTo(Json.tree("""
                {"action":"http","label":"Deny","url":"https://kairos.example/approvals/7/deny?sig=d2",
                 "method":"POST","clear":true}"""));
    }

    @Test
    void prioritiesMapToNtfysScaleUrgentFiveNormalThreeLowTwo() {
        NtfyNotifier n = notifier("/t", Optional.empty());
        for (Notification.Priority p : Notification.Priority.values()) n.send(Notification.of("t", "m", p));
        assertThat(ntfy.received()).extracting(r -> Json.tree(r.text()).get("priority").asInt()).containsExactly(5, 3, 2);
    }

    @Test
    void withoutATokenNoAuthorizationIsSentAndNoClickNoActionsStayEmpty() {
        notifier("/t", Optional.empty()).send(Notification.of("Hello", "world", Notification.Priority.NORMAL));
        assertThat(ntfy.received().getFirst().header("Authorization")).isNull();
        JsonNode body = onlyBody();
        assertThat(body.has("click")).isFalse();
        assertThat(body.get("actions")).isEmpty();
        assertThat(body.get("tags")).isEmpty();
    }

    @Test
    void aSelfHostedServerUnderAPathIsPostedToItsRoot() {
        notifier("/ntfy/alerts", Optional.empty()).send(Notification.of("t", "m", Notification.Priority.LOW));
        assertThat(ntfy.received().getFirst().path()).isEqualTo("/ntfy/");
        assertThat(onlyBody().get("topic").asText()).isEqualTo("alerts");
    }

    @Test
    void aLongMessageIsCutWithin4096BytesOnACharacterBoundaryWithAnEllipsis() {
        String accented = "é".repeat(3000); // 2 bytes each: 6,000 bytes
        String emoji = "a" + "😀".repeat(1100); // 4 bytes each, surrogate pairs in Java
        NtfyNotifier n = notifier("/t", Optional.empty());
        n.send(Notification.of("t", accented, Notification.Priority.NORMAL));
        n.send(Notification.of("t", emoji, Notification.Priority.NORMAL));

        for (int i = 0; i < 2; i++) {
            String original = i == 0 ? accented : emoji;
            String message = Json.tree(ntfy.received().get(i).text()).get("message").asText();
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).isLessThanOrEqualTo(4096).isGreaterThan(4090);
            assertThat(message).endsWith("…").doesNotContain("\uFFFD").doesNotContain("?");
            assertThat(original).startsWith(message.substring(0, message.length() - 1));
            assertThat(Character.isHighSurrogate(message.charAt(message.length() - 2))).isFalse();
        }
        assertThat(Utf8Limit.cut("fits", 4096)).isEqualTo("fits");
    }
}
