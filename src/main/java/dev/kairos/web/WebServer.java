package dev.kairos.web;

import dev.kairos.Status;
import dev.kairos.agent.Agent;
import dev.kairos.json.Json;
import dev.kairos.ledger.Ledger;
import dev.kairos.notify.PushSubscriptions;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The local HTTP server, bound to 127.0.0.1: health, status, (for a running agent) an on-demand beat, the chat (its
 * page and its API), the Web Push page, and the two routes a device or GitHub reaches through a tunnel, each guarded
 * by its signature: the approval links and GitHub's webhook deliveries.
 */
public final class WebServer implements AutoCloseable {
    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /**
     * What the chat routes need: the agent (empty when no model is configured), the store's conversation and ledger,
     * and the token that guards the chat (empty: this machine only; see {@link Access}).
     */
    public record Chat(Supplier<Optional<Agent>> agent, Jdbi jdbi, Ledger ledger, Optional<String> token) {}

    /**
     * What the routes serve: status and an on-demand beat, the chat, {@code /push} (where browsers subscribe to
     * Web Push) when this Kairos has its keys, the approval links when `kairos up` answers them, and
     * {@code POST /hooks/github}.
     */
    public record Parts(Supplier<Status> status, Supplier<Object> tick, Chat chat, Optional<PushSubscriptions> push,
            Optional<ApprovalAnswers> answers, Optional<GitHubHook> github, Runnable afterChat) {
        public Parts(Supplier<Status> status, Supplier<Object> tick, Chat chat, Optional<PushSubscriptions> push) {
            this(status, tick, chat, push, Optional.empty(), Optional.empty(), () -> {});
        }

        public Parts withAnswers(ApprovalAnswers a) {
            return new Parts(status, tick, chat, push, Optional.of(a), github, afterChat);
        }

        public Parts withGitHub(GitHubHook h) {
            return new Parts(status, tick, chat, push, answers, Optional.of(h), afterChat);
        }

        /** What runs after each chat turn (`kairos up` wakes its beat, so what the turn decided goes out now). */
        public Parts withAfterChat(Runnable r) {
            return new Parts(status, tick, chat, push, answers, github, r);
        }
    }

    /** Starts on 127.0.0.1:port (0 picks a free port); fails with one clear line when the port is taken. */
    public static WebServer start(int port, Supplier<Status> status, Supplier<Object> tick, Chat chat) {
        return start(port, new Parts(status, tick, chat, Optional.empty()));
    }

    /** With every part; {@link #start(int, Supplier, Supplier, Chat)} for the API and the chat alone. */
    public static WebServer start(int port, Parts parts) {
        Supplier<Status> status = parts.status();
        Supplier<Object> tick = parts.tick();
        Access access = new Access(parts.chat().token());
        ChatApi api = new ChatApi(parts.chat(), parts.afterChat());
        ChatPage page = ChatPage.load();
        PushPage pushPage = new PushPage(parts.push());
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.before(access::check);
            cfg.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            cfg.routes.get("/api/status", ctx -> ctx.contentType("application/json").result(Json.write(status.get())));
            cfg.routes.post("/api/tick", ctx -> ctx.contentType("application/json").result(Json.write(tick.get())));
            cfg.routes.post("/api/chat", api::answer);
            cfg.routes.post("/api/chat/stream", api::stream);
            cfg.routes.get("/api/chat/history", api::history);
            cfg.routes.get("/chat", page::serve);
            cfg.routes.get("/", ctx -> ctx.contentType("text/html").result(Dashboard.html(status.get())));
            cfg.routes.get("/push", pushPage::page);
            cfg.routes.get("/push/sw.js", pushPage::worker);
            cfg.routes.get("/push/key", pushPage::key);
            cfg.routes.post("/push/subscribe", pushPage::subscribe);
            parts.answers().ifPresent(a -> {
                cfg.routes.get(ApprovalAnswers.ROUTE, a::page);
                cfg.routes.post(ApprovalAnswers.ROUTE, a::decide);
            });
            parts.github().ifPresent(h -> cfg.routes.post(GitHubHook.PATH, h::handle));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            throw new PortInUse("cannot listen on 127.0.0.1:" + port + " (" + rootMessage(e)
                    + "); another program may use it: set KAIROS_HTTP_PORT or http.port in kairos.yaml", e);
        }
        return new WebServer(app);
    }

    /** The port cannot be bound; the message says what to do. */
    public static final class PortInUse extends RuntimeException {
        PortInUse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
