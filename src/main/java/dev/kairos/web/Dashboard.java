package dev.kairos.web;

import dev.kairos.Status;

/** A minimal status page with a link to the chat; the real dashboard comes later. */
final class Dashboard {
    private Dashboard() {}

    static String html(Status s) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Kairos</title>
                <style>body{font:15px system-ui;margin:2rem;max-width:40rem}td{padding:.2rem 1rem .2rem 0}</style>
                </head><body><h1>Kairos</h1><table>
                <tr><td>last beat</td><td>%s</td></tr>
                <tr><td>beats today</td><td>%d (%d idle)</td></tr>
                <tr><td>pending events</td><td>%d</td></tr>
                <tr><td>tasks</td><td>%s</td></tr>
                <tr><td>tokens today</td><td>%d in, %d out, $%.4f</td></tr>
                </table><p><a href="/chat">chat</a> · <a href="/api/status">/api/status</a></p></body></html>
                """.formatted(s.lastBeat() == null ? "never" : s.lastBeat(), s.beatsToday(), s.idleBeatsToday(),
                s.pendingEvents(), escape(s.tasks().toString()), s.today().inputTokens(), s.today().outputTokens(),
                s.today().costUsd());
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
