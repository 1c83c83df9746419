package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** A real intake over SQLite in a temporary folder, with what reached the inbox and the delivery table to look at. */
final class Intake {
    static final String SECRET = "test secret: it's a secret to everybody";

    final Store store;
    final Inbox inbox;
    final GitHubWebhooks webhooks;
    /** Counting through a connection kept open is fast: closing the only one checkpoints the WAL every time. */
    private final Handle counting;

    private Intake(Store store, Inbox inbox, GitHubWebhooks webhooks) {
        this.store = store;
        this.inbox = inbox;
        this.webhooks = webhooks;
        this.counting = store.jdbi().open();
    }

    /** Following {@code repos} (as kairos.yaml would), with {@code owners} trusted and {@code secret} set. */
    static Intake open(Path dir, List<String> repos, List<String> owners, Optional<String> secret, InstantSource clock) {
        Store store = Store.open(dir.resolve("state.db"));
        Inbox inbox = new Inbox(store.jdbi());
        Subscriptions subscriptions = new Subscriptions(store.jdbi(),
                repos.stream().map(r -> new GitHubSettings.Repo(r, Optional.empty())).toList());
        Normaliser normaliser = new Normaliser(subscriptions::followed, owners, clock);
        return new Intake(store, inbox, new GitHubWebhooks(secret, normaliser, store.jdbi(), clock));
    }

    static Intake following(Path dir, List<String> repos) {
        return open(dir, repos, List.of(), Optional.of(SECRET), InstantSource.system());
    }

    /** The example, signed with {@link #SECRET}, as delivery {@code id}. */
    GitHubWebhooks.Answer post(Examples.Example e, String id) {
        return post(e.event(), e.body(), GitHubWebhooks.signature(SECRET, e.body()), id);
    }

    GitHubWebhooks.Answer post(String event, byte[] body, String signature, String id) {
        return webhooks.receive(new GitHubWebhooks.Headers(signature, event, id), body);
    }

    int events() {
        return counting.createQuery("SELECT count(*) FROM events").mapTo(Integer.class).one();
    }

    int deliveries() {
        return counting.createQuery("SELECT count(*) FROM github_deliveries").mapTo(Integer.class).one();
    }

    List<Event> withKey(String key) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM events WHERE dedupe_key = :key")
                .bind("key", key).mapTo(Long.class).list()).stream()
                .map(id -> inbox.find(id).orElseThrow()).toList();
    }
}
