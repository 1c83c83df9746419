package dev.kairos.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Model requests the tests send. */
final class Requests {

    static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {}

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ToolSpec readFile() {
        return new ToolSpec("read_file", "Reads a file of the workspace.", json("""
                {"type":"object","properties":{"path":{"type":"string","description":"relative path"}},
                 "required":["path"],"additionalProperties":false}"""));
    }

    static ModelRequest hello() {
        return ModelRequest.of("You are Kairos, a helpful agent.", "Say hello.", 256);
    }

    /** A request with tools, a finished tool round trip, and a new question. */
    static ModelRequest withToolHistory() {
        return new ModelRequest(
                List.of(new SystemBlock("You are Kairos.", true), new SystemBlock("Today is Tuesday.", false)),
                List.of(readFile()),
                List.of(
                        Message.user("What is in notes.txt?"),
                        Message.assistant(List.of(new Content.Text("Let me look."),
                                new Content.ToolUse("toolu_1", "read_file", json("{\"path\":\"notes.txt\"}")))),
                        new Message(Message.Role.USER, List.of(
                                new Content.ToolResult("toolu_1", "buy milk", false),
                                new Content.Text("And summarise it.")), true)),
                512,
                "kairos-turn-7");
    }
}
