package dev.kairos.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request over a plain socket to 127.0.0.1, with any Host header: what a tunnel (cloudflared,
 * tailscale serve) forwards from a phone. Java's HTTP clients refuse to set Host.
 */
public final class RawHttp {
    /** The status and the body (chunked or not, as the server sent it). */
    public record Answer(int status, String body) {}

    private RawHttp() {}

    /** {@code method} the path and query of {@code link} to 127.0.0.1:{@code port}, saying Host: {@code host}. */
    public static Answer send(String method, URI link, int port, String host) throws IOException {
        String target = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(all.indexOf(' ') + 1, all.indexOf(' ') + 4));
            int body = all.indexOf("\r\n\r\n");
            return new Answer(status, body < 0 ? "" : all.substring(body + 4));
        }
    }
}
