package dev.kairos.testkit;

import java.util.Map;

/** An HTTP answer ready to send. */
record Rendered(int status, String contentType, Map<String, String> headers, String body) {

    static Rendered json(int status, Map<String, String> headers, String body) {
        return new Rendered(status, "application/json", headers, body);
    }

    static Rendered sse(Map<String, String> headers, String body) {
        return new Rendered(200, "text/event-stream; charset=utf-8", headers, body);
    }
}
