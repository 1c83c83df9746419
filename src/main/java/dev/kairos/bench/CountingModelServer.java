package dev.kairos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A model server on 127.0.0.1 for benchmarks: it speaks enough of Anthropic's Messages API ({@code POST
 * /v1/messages}, not streamed) for the real client, counts the input tokens of every request as the model would
 * see it (system, messages and tool schemas, o200k) and the output tokens of its answer, answers from a script, and
 * keeps the counts. Started with a clock, it also keeps Anthropic's prompt cache on that clock, reports cache writes
 * and reads in the answer's usage as Anthropic does, and works out what OpenAI's automatic cache would have read of
 * the same requests (see {@link PromptCache}).
 */
public final class CountingModelServer implements AutoCloseable {
    /** What every request gets back from the server started without a script. */
    public static final String REPLY = "Good morning!";
    private static final ObjectMapper JSON = dev.kairos.json.Json.MAPPER;

    /**
     * One request received: its body as sent; its input tokens as counted here, all of them, cached or not; the
     * output tokens of the answer; the part of the input Anthropic's cache wrote and read, and the part OpenAI's
     * would have read.
     */
    public record Received(JsonNode body, long inputTokens, long outputTokens, long cacheWriteTokens,
            long cacheReadTokens, long openAiCachedTokens) {
        /** Input Anthropic bills at the plain input price: neither written to its cache nor read from it. */
        public long uncachedInputTokens() {
            return inputTokens - cacheWriteTokens - cacheReadTokens;
        }
    }

    /** The prompt caches, on the replay's clock. */
    private record Caches(InstantSource clock, PromptCache anthropic, PromptCache openAi) {}

    private final HttpServer http;
    private final ExecutorService executor;
    private final Function<JsonNode, ScriptedReply> script;
    private final Caches caches; // null: nothing is cached
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private CountingModelServer(HttpServer http, ExecutorService executor, Function<JsonNode, ScriptedReply> script,
            Caches caches) {
        this.http = http;
        this.executor = executor;
        this.script = script;
        this.caches = caches;
    }

    /** Starts on a free port of 127.0.0.1; every request is answered with {@link #REPLY}, and nothing is cached. */
    public static CountingModelServer start() {
        return start(body -> ScriptedReply.text(REPLY), null);
    }

    /** Starts on a free port of 127.0.0.1, answering with {@code script}, the prompt caches kept on {@code clock}. */
    public static CountingModelServer start(InstantSource clock, Function<JsonNode, ScriptedReply> script) {
        return start(script, new Caches(clock, new PromptCache(PromptCache.Rules.ANTHROPIC),
                new PromptCache(PromptCache.Rules.OPENAI)));
    }

    private static CountingModelServer start(Function<JsonNode, ScriptedReply> script, Caches caches) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "counting-model-server");
                t.setDaemon(true);
                return t;
            });
            CountingModelServer server = new CountingModelServer(http, executor, script, caches);
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

    /** How many requests so far. */
    public int count() {
        return received.size();
    }

    /** Tokens of all text in system, messages and tool schemas (names, descriptions, schemas as compact JSON). */
    public static long inputTokens(JsonNode body) {
        return PromptBlocks.of(body).total();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/messages")) {
                send(exchange, 404, error("not_found_error", "only POST /v1/messages here"));
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in);
            }
            if (body.path("stream").asBoolean(false)) {
                send(exchange, 400, error("invalid_request_error", "streaming is not served here"));
                return;
            }
            ScriptedReply reply;
            try {
                reply = script.apply(body);
            } catch (RuntimeException e) { // a broken script must fail the bench loudly, not look like a network error
                send(exchange, 500, error("api_error", "the bench's script failed: " + e));
                return;
            }
            PromptBlocks prompt = PromptBlocks.of(body);
            PromptCache.Use anthropic = new PromptCache.Use(0, 0);
            PromptCache.Use openAi = anthropic;
            if (caches != null) {
                anthropic = caches.anthropic().take(prompt, caches.clock().instant());
                openAi = caches.openAi().take(prompt, caches.clock().instant());
            }
            ObjectNode message = message(body, reply, received.size() + 1);
            ObjectNode usage = (ObjectNode) message.get("usage");
            received.add(new Received(body, prompt.total(), usage.get("output_tokens").asLong(), anthropic.written(),
                    anthropic.read(), openAi.read()));
            usage.put("input_tokens", prompt.total() - anthropic.written() - anthropic.read());
            usage.put("cache_creation_input_tokens", anthropic.written());
            usage.put("cache_read_input_tokens", anthropic.read());
            send(exchange, 200, message.toString());
        }
    }

    /** The answer in Anthropic's shape; its usage so far holds the output tokens, counted as the input is. */
    private static ObjectNode message(JsonNode request, ScriptedReply reply, int sequence) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", "msg_bench_" + sequence);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", request.path("model").asText("bench"));
        ArrayNode content = m.putArray("content");
        if (!reply.text().isEmpty() || reply.calls().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        int n = 0;
        for (ScriptedReply.ToolCall call : reply.calls()) {
            content.addObject().put("type", "tool_use").put("id", "toolu_bench_" + sequence + "_" + ++n)
                    .put("name", call.name()).set("input", call.input());
        }
        long output = 0;
        for (JsonNode block : content) output += PromptBlocks.tokens(block);
        m.put("stop_reason", reply.calls().isEmpty() ? "end_turn" : "tool_use");
        m.putNull("stop_sequence");
        m.putObject("usage").put("output_tokens", output);
        return m;
    }

    private static String error(String type, String message) {
        ObjectNode o = JSON.createObjectNode().put("type", "error");
        o.putObject("error").put("type", type).put("message", message);
        return o.toString();
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
