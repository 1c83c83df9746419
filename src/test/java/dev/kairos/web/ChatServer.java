package dev.kairos.web;

import dev.kairos.Kairos;
import dev.kairos.config.Config;
import dev.kairos.config.ConfigReader;
import dev.kairos.json.Json;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.ScriptedModelHome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * A Kairos home whose model is a {@link FakeModelServer}, with its web server on a free port of 127.0.0.1, wired as
 * `kairos up` wires it; and a plain HTTP client to talk to it.
 */
final class ChatServer implements AutoCloseable {
    final ScriptedModelHome home;
    final Kairos kairos;
    final WebServer web;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private ChatServer(ScriptedModelHome home, Kairos kairos, WebServer web) {
        this.home = home;
        this.kairos = kairos;
        this.web = web;
    }

    /** {@code extraEnv}: e.g. KAIROS_WEB_TOKEN, or KAIROS_MODEL set to "" for a home with no model. */
    static ChatServer start(Path dir, FakeModelServer model, InstantSource clock, Map<String, String> extraEnv) {
        ScriptedModelHome home = ScriptedModelHome.at(dir, model);
        for (var e : extraEnv.entrySet()) home = home.with(e.getKey(), e.getValue());
        home.init(clock);
        Config config = ConfigReader.read(dir, home.env());
        Kairos k = Kairos.open(config, home.env(), clock);
        WebServer web = WebServer.start(0, k::status, () -> "{}", new WebServer.Chat(k::agent, k.store().jdbi(),
                k.ledger(), config.channels().webToken()));
        return new ChatServer(home, k, web);
    }

    String base() {
        return "http://127.0.0.1:" + web.port();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path));
    }

    /** POST path with a JSON body, as the page and `kairos chat` send it. */
    HttpRequest.Builder postJson(String path, Object body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What came back over a raw socket: the status and the body. */
    record Raw(int status, String body) {}

    /**
     * One HTTP/1.1 request written by hand, for a Host header of another name (a proxy's, or a DNS-rebinding
     * page's), which Java's HTTP clients refuse to send.
     */
    Raw raw(String method, String path, String host, Map<String, String> headers, String body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", web.port())) {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write((head + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes);
            String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            int start = all.indexOf("\r\n\r\n");
            return new Raw(status, start < 0 ? "" : all.substring(start + 4));
        }
    }

    @Override
    public void close() {
        web.close();
        kairos.close();
    }
}
