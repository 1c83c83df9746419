package dev.kairos.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat page, one static file ({@code web/chat.html}), served with a content security policy that lets only its
 * own script and style run and talk only to this server: should text ever reach the page as HTML, nothing in it runs.
 */
final class ChatPage {
    private static final String RESOURCE = "/web/chat.html";

    private final String html;
    private final String policy;

    private ChatPage(String html, String policy) {
        this.html = html;
        this.policy = policy;
    }

    static ChatPage load() {
        try (InputStream in = ChatPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String policy = "default-src 'none'; script-src " + hash(html, "script") + "; style-src "
                    + hash(html, "style") + "; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'";
            return new ChatPage(html, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    void serve(Context ctx) {
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** The CSP source for the page's one inline element of this tag: the SHA-256 of its text. */
    private static String hash(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        if (!m.find()) throw new IllegalStateException(RESOURCE + " has no <" + tag + "> element");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
