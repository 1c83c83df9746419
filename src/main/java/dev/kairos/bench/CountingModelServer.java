package dev.kairos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kairos.model.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model server on 127.0.0.1 for benchmarks: it speaks enough of Anthropic's Messages API ({@code POST
 * /v1/messages}, not streamed) for the real client, counts the input tokens of every request as the model would
 * see it (system, messages and tool schemas, o200k), answers each with the same short text, and keeps the counts.
 */
public final class CountingModelServer implements AutoCloseable {
    /** What every request gets back. */
    public static final String REPLY = "Good morning!";
    private static final ObjectMapper JSON = dev.kairos.json.Json.MAPPER;

    /** One request received: its body as sent and its input tokens as counted here. */
    public record Received(JsonNode body, long inputTokens) {}

    private final HttpServer http;
    private final ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private CountingModelServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static CountingModelServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "counting-model-server");
                t.setDaemon(true);
                return t;
            });
            CountingModelServer server = new CountingModelServer(http, executor);
            http.createContext("/", server::handle);
            http.setExecutor(executor);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the counting model server on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The value for ANTHROPIC_BASE_URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Every request so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Tokens of all text in system, messages and tool schemas (names, descriptions, schemas as compact JSON). */
    public static long inputTokens(JsonNode body) {
        long n = textTokens(body.path("system"));
        for (JsonNode message : body.path("messages")) n += textTokens(message.path("content"));
        for (JsonNode tool : body.path("tools")) {
            n += Tokens.count(tool.path("name").asText()) + Tokens.count(tool.path("description").asText())
                    + Tokens.count(tool.path("input_schema").toString());
        }
        return n;
    }

    private static long textTokens(JsonNode content) {
        if (content.isTextual()) return Tokens.count(content.asText());
        long n = 0;
        for (JsonNode block : content) {
            n += switch (block.path("type").asText()) {
                case "text" -> Tokens.count(block.path("text").asText());
                case "tool_use" -> Tokens.count(block.path("name").asText()) + Tokens.count(block.path("input").toString());
                case "tool_result" -> textTokens(block.path("content"));
                default -> 0;
            };
        }
        return n;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/messages")) {
                send(exchange, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"only "
                        + "POST /v1/messages here\"}}");
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in);
            }
            if (body.path("stream").asBoolean(false)) {
                send(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                        + "\"streaming is not served here\"}}");
                return;
            }
            long input = inputTokens(body);
            received.add(new Received(body, input));
            send(exchange, 200, reply(body, input, received.size()).toString());
        }
    }

    private static ObjectNode reply(JsonNode request, long input, int sequence) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", "msg_bench_" + sequence);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", request.path("model").asText("bench"));
        m.putArray("content").addObject().put("type", "text").put("text", REPLY);
        m.put("stop_reason", "end_turn");
        m.putNull("stop_sequence");
        ObjectNode usage = m.putObject("usage");
        usage.put("input_tokens", input);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", Tokens.count(REPLY));
        return m;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("request-id", "req_bench");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
