package dev.kairos.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 request over a plain socket to 127.0.0.1, with exactly the headers given (java.net.http will not
 * send a Host of our choosing, and a tunnel's Host is what these tests need) and the answer's status and body.
 */
public final class RawHttp {
    public record Response(int status, String body) {}

    private RawHttp() {}

    /** Sends {@code body} with Content-Length; Host defaults to 127.0.0.1 unless {@code headers} names one. */
    public static Response send(int port, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + port);
        all.putAll(headers);
        all.putIfAbsent("Content-Length", Integer.toString(body.length));
        all.put("Connection", "close");
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before taking the whole body: read what it said
            }
            return read(s.getInputStream());
        }
    }

    public static Response post(int port, String path, Map<String, String> headers, byte[] body) throws IOException {
        return send(port, "POST", path, headers, body);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1); // one char a byte: chunk sizes count bytes
        int status = Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4));
        int bodyAt = text.indexOf("\r\n\r\n");
        String body = bodyAt < 0 ? "" : text.substring(bodyAt + 4);
        if (text.substring(0, Math.max(bodyAt, 0)).toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Response(status, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) break;
            int size = Integer.parseInt(chunked.substring(i, eol).split(";")[0].strip(), 16);
            if (size == 0) break;
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    /**
     * {@code method} the path and query of {@code link} to 127.0.0.1:{@code port}, saying Host: {@code host}: what a
     * tunnel (cloudflared, tailscale serve) forwards from a phone.
     */
    public static Response send(String method, java.net.URI link, int port, String host) throws IOException {
        String target = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        return send(port, method, target, Map.of("Host", host), new byte[0]);
    }
}
