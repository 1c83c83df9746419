package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers a streamed request with a plain message (no server-sent events, so no message_stop) is a
 * model problem said in one line, not a failure inside Kairos.
 */
class StreamWithoutItsEndIsABadResponseTest {
    private final FakeModelServer server = FakeModelServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aPlainJsonAnswerToAStreamIsABadResponseThatSaysWhy() {
        server.enqueue(Reply.raw(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,"
                + "\"output_tokens\":1}}"));
        ModelClient client = Provider.ANTHROPIC.client(server, new RecordingSleeper());

        assertThatThrownBy(() -> client.stream(Requests.hello(), text -> {}))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("cannot read")
                .hasMessageContaining("message_stop");
    }
}
