package dev.kairos.testkit;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Telegram's Bot API on 127.0.0.1, as far as Kairos uses it: {@code POST /botTOKEN/getUpdates} (offset, timeout,
 * limit; updates below the offset are confirmed and forgotten, as Telegram does; with a timeout it waits for one),
 * {@code sendMessage}, {@code getFile} and {@code GET /file/botTOKEN/PATH}. Answers {@code {"ok":true,"result":…}}
 * or Telegram's error shape. Point {@code KAIROS_TELEGRAM_API} at {@link #baseUrl()} and set
 * {@code KAIROS_TELEGRAM_TOKEN} to {@link #TOKEN}.
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String TOKEN = "4242:fake-bot-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One getUpdates call: its offset (-1: none given) and how long it may wait, in seconds. */
    public record Poll(long offset, long timeout) {}

    /** A message the bot sent: its whole sendMessage request. */
    public record Sent(long chatId, String text, Optional<Long> replyTo, Optional<Long> threadId, JsonNode request) {}

    private final HttpServer http;
    private final ExecutorService executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ObjectNode> pending = new ArrayList<>(); // updates not confirmed yet
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<Integer> sendFailures = new ArrayList<>();
    private long nextUpdate = 700_000;
    private long nextMessage = 1;
    private long nextSent = 90_000;

    private FakeBotApi(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    public static FakeBotApi start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            FakeBotApi api = new FakeBotApi(http, executor);
            http.createContext("/", api::handle);
            http.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Bot API on 127.0.0.1", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** {@code userId} writes {@code text} in a private chat with the bot (chat id = user id); the message's id. */
    public long userSays(long userId, String firstName, String text) {
        return says(userId, "private", userId, firstName, text, m -> {});
    }

    /** {@code userId} writes in group {@code chatId}; the message's id. */
    public long saysInGroup(long chatId, long userId, String firstName, String text) {
        return says(chatId, "group", userId, firstName, text, m -> {});
    }

    /** A message with more fields (a document, a forward): {@code more} adds them. */
    public long says(long chatId, String chatType, long userId, String firstName, String text,
            java.util.function.Consumer<ObjectNode> more) {
        lock.lock();
        try {
            long id = nextMessage++;
            ObjectNode m = JSON.createObjectNode().put("message_id", id).put("date", 1_764_061_200L + id);
            m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", firstName);
            ObjectNode chat = m.putObject("chat").put("id", chatId).put("type", chatType);
            if (!chatType.equals("private")) chat.put("title", "The group");
            if (text != null) m.put("text", text);
            more.accept(m);
            ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdate++);
            update.set("message", m);
            pending.add(update);
            arrived.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** A file getFile and the download hand out for {@code fileId}. */
    public void file(String fileId, byte[] bytes) {
        lock.lock();
        try {
            files.put(fileId, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** The next sendMessage calls fail with these HTTP statuses, one each (429 carries retry_after 1). */
    public void failSends(Integer... statuses) {
        lock.lock();
        try {
            sendFailures.addAll(List.of(statuses));
        } finally {
            lock.unlock();
        }
    }

    /** Every message the bot sent successfully, oldest first. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The offset of each getUpdates call, oldest first (-1: none given). */
    public List<Long> offsetsAsked() {
        return polls.stream().map(Poll::offset).toList();
    }

    /** Each getUpdates call, oldest first. */
    public List<Poll> polls() {
        return List.copyOf(polls);
    }

    /** The highest update id handed out so far (-1: none). */
    public long lastUpdateId() {
        lock.lock();
        try {
            return nextUpdate - 1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String bot = "/bot" + TOKEN + "/";
            String file = "/file/bot" + TOKEN + "/";
            if (path.startsWith(file)) {
                byte[] bytes;
                lock.lock();
                try {
                    bytes = files.get(path.substring(file.length()));
                } finally {
                    lock.unlock();
                }
                if (bytes == null) {
                    reply(exchange, 404, error(404, "Not Found"));
                } else {
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
                return;
            }
            if (!path.startsWith(bot)) {
                reply(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            }
            String method = path.substring(bot.length());
            switch (method) {
                case "getUpdates" -> reply(exchange, 200, ok(getUpdates(body)));
                case "sendMessage" -> sendMessage(exchange, body);
                case "getFile" -> getFile(exchange, body);
                default -> reply(exchange, 404, error(404, "Not Found: method not found"));
            }
        }
    }

    private JsonNode getUpdates(JsonNode body) {
        long offset = body.path("offset").asLong(-1);
        long timeout = body.path("timeout").asLong(0);
        polls.add(new Poll(offset, timeout));
        lock.lock();
        try {
            pending.removeIf(u -> offset >= 0 && u.get("update_id").asLong() < offset); // confirmed
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            while (pending.isEmpty() && System.nanoTime() < deadline) {
                arrived.awaitNanos(deadline - System.nanoTime());
            }
            ArrayNode out = JSON.createArrayNode();
            pending.stream().limit(body.path("limit").asInt(100)).forEach(out::add);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createArrayNode();
        } finally {
            lock.unlock();
        }
    }

    private void sendMessage(HttpExchange exchange, JsonNode body) throws IOException {
        Integer failure;
        long id;
        lock.lock();
        try {
            failure = sendFailures.isEmpty() ? null : sendFailures.removeFirst();
            id = nextSent++;
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            ObjectNode e = error(failure, failure == 429 ? "Too Many Requests: retry after 1" : "Bad Gateway");
            if (failure == 429) e.putObject("parameters").put("retry_after", 1);
            reply(exchange, failure, e);
            return;
        }
        String text = body.path("text").asText("");
        if (text.isEmpty() || text.length() > 4096 || !body.hasNonNull("chat_id")) {
            reply(exchange, 400, error(400, "Bad Request: message text is empty or too long"));
            return;
        }
        JsonNode replyTo = body.path("reply_parameters").path("message_id");
        JsonNode thread = body.path("message_thread_id");
        sent.add(new Sent(body.get("chat_id").asLong(), text,
                replyTo.isNumber() ? Optional.of(replyTo.asLong()) : Optional.empty(),
                thread.isNumber() ? Optional.of(thread.asLong()) : Optional.empty(), body));
        ObjectNode m = JSON.createObjectNode().put("message_id", id).put("date", 1_764_061_200L).put("text", text);
        m.putObject("chat").put("id", body.get("chat_id").asLong());
        reply(exchange, 200, ok(m));
    }

    private void getFile(HttpExchange exchange, JsonNode body) throws IOException {
        String id = body.path("file_id").asText("");
        boolean known;
        lock.lock();
        try {
            known = files.containsKey(id);
        } finally {
            lock.unlock();
        }
        if (!known) {
            reply(exchange, 400, error(400, "Bad Request: invalid file_id"));
            return;
        }
        reply(exchange, 200, ok(JSON.createObjectNode().put("file_id", id).put("file_unique_id", "u" + id)
                .put("file_path", id)));
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode o = JSON.createObjectNode().put("ok", true);
        o.set("result", result);
        return o;
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
