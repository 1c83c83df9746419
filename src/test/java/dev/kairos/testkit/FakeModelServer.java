package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model API on 127.0.0.1 that speaks the real wire formats: Anthropic's {@code POST /v1/messages} and OpenAI's
 * {@code POST /v1/chat/completions} (also {@code /chat/completions}), each plain and streamed, so the official SDKs
 * talk to it unchanged. Replies are scripted per test; token counts are real (o200k_base), hence deterministic.
 *
 * <pre>{@code
 * try (var server = FakeModelServer.start()) {
 *     server.enqueue(Reply.toolUse("read_file", "{\"path\":\"README.md\"}"));
 *     server.enqueue(Reply.text("done"));
 *     // point ANTHROPIC_BASE_URL at server.baseUrl(), or OPENAI_BASE_URL at server.baseUrl() + "/v1"
 * }
 * }</pre>
 */
public final class FakeModelServer implements AutoCloseable {

    /** What the server answers when no reply is queued and no responder is set. */
    public static final String DEFAULT_TEXT = "Hello from the fake model.";

    private final HttpServer http;
    private final ExecutorService executor;
    private final Queue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Function<RecordedRequest, Reply> responder;

    private FakeModelServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static FakeModelServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            FakeModelServer server = new FakeModelServer(http, executor);
            http.createContext("/", server::handle);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake model server on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: Anthropic's base URL; add {@code /v1} for OpenAI's. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Queues a reply; queued replies answer requests in order, before any responder. */
    public FakeModelServer enqueue(Reply reply) {
        queue.add(Objects.requireNonNull(reply, "reply"));
        return this;
    }

    /** Answers every request the queue does not, computing the reply from the request (null: the default text). */
    public FakeModelServer respondWith(Function<RecordedRequest, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public int requestCount() {
        return recorded.size();
    }

    /** Every request received, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public RecordedRequest lastRequest() {
        if (recorded.isEmpty()) {
            throw new IllegalStateException("the fake model server has received no request");
        }
        return recorded.get(recorded.size() - 1);
    }

    /** The sum of the input tokens the server counted over all requests it received. */
    public long inputTokensReceived() {
        return recorded.stream().mapToLong(RecordedRequest::inputTokens).sum();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean anthropic = path.equals("/v1/messages");
            boolean openAi = path.equals("/v1/chat/completions") || path.equals("/chat/completions");
            if (!"POST".equals(exchange.getRequestMethod()) || !(anthropic || openAi)) {
                send(exchange, Rendered.json(404, Map.of(),
                        "{\"error\":{\"type\":\"not_found_error\",\"message\":\"no route " + path + "\"}}"));
                return;
            }
            RecordedRequest request = record(exchange, path, anthropic);
            int n = sequence.incrementAndGet();
            Rendered rendered;
            try {
                Reply reply = next(request);
                rendered = anthropic ? AnthropicWire.render(reply, request, n) : OpenAiWire.render(reply, request, n);
            } catch (RuntimeException e) {
                // A broken script should fail the test loudly, not look like a network error.
                rendered = Rendered.json(500, Map.of(), "{\"error\":{\"type\":\"fake_server_error\",\"message\":"
                        + WireTokens.JSON.writeValueAsString(String.valueOf(e)) + "}}");
            }
            send(exchange, rendered);
        }
    }

    private RecordedRequest record(HttpExchange exchange, String path, boolean anthropic) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? MissingNode.getInstance() : WireTokens.JSON.readTree(bytes);
        } catch (IOException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        long tokens = anthropic ? AnthropicWire.inputTokens(body) : OpenAiWire.inputTokens(body);
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), path, headers, body, tokens);
        recorded.add(request);
        return request;
    }

    private Reply next(RecordedRequest request) {
        Reply queued = queue.poll();
        if (queued != null) {
            return queued;
        }
        Function<RecordedRequest, Reply> current = responder;
        Reply computed = current == null ? null : current.apply(request);
        return computed != null ? computed : Reply.text(DEFAULT_TEXT);
    }

    private static void send(HttpExchange exchange, Rendered rendered) throws IOException {
        rendered.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().set("content-type", rendered.contentType());
        byte[] body = rendered.body().getBytes(StandardCharsets.UTF_8);
        boolean sse = rendered.contentType().startsWith("text/event-stream");
        // SSE goes out chunked, as the real APIs send it; JSON with a length.
        exchange.sendResponseHeaders(rendered.status(), sse ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (sse) {
                for (String event : splitEvents(rendered.body())) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } else {
                out.write(body);
            }
        }
    }

    private static List<String> splitEvents(String sse) {
        List<String> events = new ArrayList<>();
        for (String event : sse.split("(?<=\n\n)")) {
            events.add(event);
        }
        return events;
    }
}
