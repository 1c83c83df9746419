package dev.kairos.web;

import dev.kairos.json.Json;
import dev.kairos.Status;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local HTTP server, bound to 127.0.0.1: health, status, (for a running agent) an on-demand beat, and GitHub's
 * webhook deliveries.
 */
public final class WebServer implements AutoCloseable {
    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Starts on 127.0.0.1:port (0 picks a free port); fails with one clear line when the port is taken. */
    public static WebServer start(int port, Supplier<Status> status, Supplier<Object> tick) {
        return start(port, status, tick, Optional.empty());
    }

    /** With {@code POST /hooks/github} when {@code github} is given. */
    public static WebServer start(int port, Supplier<Status> status, Supplier<Object> tick,
            Optional<GitHubHook> github) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.before(WebServer::localOnly);
            cfg.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            cfg.routes.get("/api/status", ctx -> ctx.contentType("application/json").result(Json.write(status.get())));
            cfg.routes.post("/api/tick", ctx -> ctx.contentType("application/json").result(Json.write(tick.get())));
            cfg.routes.get("/", ctx -> ctx.contentType("text/html").result(Dashboard.html(status.get())));
            github.ifPresent(hook -> cfg.routes.post(GitHubHook.PATH, hook::handle));
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

    /**
     * Only this machine's own pages and tools: a Host other than loopback (DNS rebinding) or a foreign Origin (a web
     * page posting to /api/tick) is refused. GitHub's deliveries alone come from outside, through the user's tunnel
     * or proxy: they prove themselves by their signature instead.
     */
    private static void localOnly(io.javalin.http.Context ctx) {
        if (HandlerType.POST.equals(ctx.method()) && ctx.path().equals(GitHubHook.PATH)) return;
        String host = String.valueOf(ctx.header("Host")).replaceAll(":\\d+$", "");
        String origin = ctx.header("Origin");
        boolean localHost = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        boolean localOrigin = origin == null || origin.matches("http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?");
        if (!localHost || !localOrigin) {
            ctx.status(403).result("Kairos answers only to this machine (127.0.0.1)");
            ctx.skipRemainingHandlers();
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
