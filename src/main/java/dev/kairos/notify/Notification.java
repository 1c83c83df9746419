package dev.kairos.notify;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something to tell the user on their devices. Each configured {@link Notifier} renders it its own way (ntfy JSON,
 * a Web Push payload, a mail); through the outbox it travels as JSON under the effect kind {@code notify.<name>}.
 *
 * @param actions at most three buttons (ntfy's and Web Push's limit), such as Approve and Deny
 * @param click where a tap on the notification leads, if anywhere
 */
public record Notification(String title, String message, Priority priority, List<Action> actions,
        Optional<URI> click, List<String> tags) {
    public static final int MAX_ACTIONS = 3;

    public enum Priority {
        /** Now, even in quiet hours (an approval waiting, a failing build on the default branch). */
        URGENT,
        NORMAL,
        /** Fine in a digest. */
        LOW
    }

    /** A button: an HTTP request to {@code url} with {@code method} (POST for a decision). */
    public record Action(String label, URI url, String method) {
        public Action {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
        }
    }

    public Notification {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(click, "click");
        actions = List.copyOf(actions);
        tags = List.copyOf(tags);
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("at most " + MAX_ACTIONS + " actions, got " + actions.size());
        }
    }

    public static Notification of(String title, String message, Priority priority) {
        return new Notification(title, message, priority, List.of(), Optional.empty(), List.of());
    }
}
