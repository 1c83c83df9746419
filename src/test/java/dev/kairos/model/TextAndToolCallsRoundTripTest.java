package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each provider, plain and streamed, brings text and tool calls through the real SDK and wire format intact. */
class TextAndToolCallsRoundTripTest {

    private final FakeModelServer server = FakeModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void plainTextReplyWithUsageCountedByTheServer(Provider provider) {
        server.enqueue(Reply.text("Hello, I am Kairos."));

        ModelResponse response = provider.client(server, sleeper).complete(Requests.hello());

        assertThat(response.text()).isEqualTo("Hello, I am Kairos.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.toolUses()).isEmpty();
        assertThat(response.model()).isEqualTo(provider.spec.model());
        assertThat(response.usage()).isEqualTo(new Usage(server.inputTokensReceived(),
                Tokens.count("Hello, I am Kairos."), 0, 0));
        assertThat(server.lastRequest().streamed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void streamedTextArrivesInPiecesAndAddsUpToTheSameResponse(Provider provider) {
        server.enqueue(Reply.text("Hello, I am Kairos, streaming."));
        List<String> pieces = new ArrayList<>();

        ModelResponse response = provider.client(server, sleeper).stream(Requests.hello(), pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo("Hello, I am Kairos, streaming.");
        assertThat(response.text()).isEqualTo("Hello, I am Kairos, streaming.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens()).isEqualTo(server.inputTokensReceived());
        assertThat(response.usage().outputTokens()).isEqualTo(Tokens.count("Hello, I am Kairos, streaming."));
        assertThat(server.lastRequest().streamed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void toolCallComesBackWithItsArguments(Provider provider) {
        server.enqueue(Reply.text("Let me read it.").andToolUse("read_file", "{\"path\":\"notes.txt\"}"));

        ModelResponse response = provider.client(server, sleeper).complete(Requests.withToolHistory());

        assertToolCall(response);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void streamedToolCallIsAssembledFromItsArgumentPieces(Provider provider) {
        server.enqueue(Reply.text("Let me read it.").andToolUse("read_file", "{\"path\":\"notes.txt\"}"));

        ModelResponse response = provider.client(server, sleeper).stream(Requests.withToolHistory(), text -> {});

        assertToolCall(response);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void cacheTokensAreMappedApartFromPlainInput(Provider provider) {
        server.enqueue(Reply.text("cached").cache(7, 11));
        server.enqueue(Reply.text("cached").cache(7, 11));

        ModelResponse plain = provider.client(server, sleeper).complete(Requests.withToolHistory());
        ModelResponse streamed = provider.client(server, sleeper).stream(Requests.withToolHistory(), text -> {});

        long counted = server.requests().get(0).inputTokens();
        Usage expected = new Usage(counted - 7 - 11, Tokens.count("cached"), 7, 11);
        assertThat(plain.usage()).isEqualTo(expected);
        assertThat(streamed.usage()).isEqualTo(expected);
        assertThat(plain.usage().totalInputTokens()).isEqualTo(counted);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void truncatedReplyStopsForMaxTokens(Provider provider) {
        server.enqueue(Reply.text("Once upon a").truncated());

        assertThat(provider.client(server, sleeper).complete(Requests.hello()).stopReason())
                .isEqualTo(StopReason.MAX_TOKENS);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void ourTokenCountOfARequestMatchesWhatTheServerCounted(Provider provider) {
        provider.client(server, sleeper).complete(Requests.withToolHistory());

        assertThat(server.lastRequest().inputTokens()).isEqualTo(Tokens.count(Requests.withToolHistory()));
    }

    private void assertToolCall(ModelResponse response) {
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.text()).isEqualTo("Let me read it.");
        assertThat(response.toolUses()).singleElement().satisfies(use -> {
            assertThat(use.name()).isEqualTo("read_file");
            assertThat(use.input()).isEqualTo(Requests.json("{\"path\":\"notes.txt\"}"));
            assertThat(use.id()).isNotBlank();
        });
        assertThat(response.usage().outputTokens())
                .isEqualTo(Tokens.count("Let me read it.") + Tokens.count("read_file")
                        + Tokens.count("{\"path\":\"notes.txt\"}"));
    }
}
