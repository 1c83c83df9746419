package dev.kairos.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use which route. Everything answers this machine's own pages and tools only: a Host other than loopback
 * (DNS rebinding) or a foreign Origin (a web page posting to /api/tick) is refused. A configured token changes the
 * chat's rule to the token alone ({@code Authorization: Bearer TOKEN}), wherever the request comes from (a proxy or
 * tunnel in front of Kairos); the chat page itself then loads anywhere, as it holds nothing until it has the token.
 */
final class Access {
    private final Optional<byte[]> token;

    Access(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses the request (status and one line, JSON on the API) unless its route's rule lets it in. */
    void check(Context ctx) {
        String path = ctx.path();
        if (ApprovalAnswers.answers(path)) return; // a phone reaches them through a tunnel; their signature guards them
        if (GitHubHook.PATH.equals(path) && "POST".equals(ctx.method().name())) return; // GitHub, likewise
        boolean api = path.equals("/api/chat") || path.startsWith("/api/chat/");
        if (token.isPresent() && api) {
            if (!carriesToken(ctx.header("Authorization"))) {
                ctx.header("WWW-Authenticate", "Bearer");
                refuse(ctx, 401, true, "this chat needs its token: send 'Authorization: Bearer TOKEN' with the "
                        + "value of KAIROS_WEB_TOKEN");
            }
            return;
        }
        if (token.isPresent() && path.equals("/chat")) return;
        if (!fromThisMachine(ctx.header("Host"), ctx.header("Origin"))) {
            refuse(ctx, 403, api, "Kairos answers only to this machine (127.0.0.1)");
        }
    }

    static boolean fromThisMachine(String hostHeader, String origin) {
        String host = String.valueOf(hostHeader).replaceAll(":\\d+$", "");
        boolean localHost = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        boolean localOrigin = origin == null || origin.matches("http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?");
        return localHost && localOrigin;
    }

    private boolean carriesToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.orElseThrow()); // in constant time: no guessing byte by byte
    }

    private static void refuse(Context ctx, int status, boolean json, String line) {
        if (json) {
            ctx.status(status).contentType("application/json").result(ChatApi.error(line));
        } else {
            ctx.status(status).result(line);
        }
        ctx.skipRemainingHandlers();
    }
}
