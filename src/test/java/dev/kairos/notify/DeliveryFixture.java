package dev.kairos.notify;

import dev.kairos.config.ActiveHours;
import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Outbox;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestNotifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The delivery policy over a real SQLite file, delivering through the outbox to a {@link TestNotifier}; a "beat" is
 * what the heartbeat does for notifications: release what waits, then deliver the outbox. {@link #restart()} builds
 * everything anew over the same file, as a new process would.
 */
final class DeliveryFixture {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final Path db;
    final SettableClock clock;
    final NotifySettings.Delivery rules;
    final TestNotifier notifier = new TestNotifier();
    Store store;
    Notifications notifications;
    Dispatch dispatch;

    DeliveryFixture(Path dir, SettableClock clock, NotifySettings.Delivery rules) {
        this.db = dir.resolve("state.db");
        this.clock = clock;
        this.rules = rules;
        restart();
    }

    static NotifySettings.Delivery rules(String quietHours, Duration rateLimit, Duration dedupeWindow) {
        return new NotifySettings.Delivery(Optional.ofNullable(quietHours).map(ActiveHours::parse), rateLimit,
                dedupeWindow);
    }

    void restart() {
        store = Store.open(db);
        notifications = new Notifications(store.jdbi(), clock, BERLIN, rules, () -> List.of(TestNotifier.NAME));
        dispatch = new Dispatch(new Outbox(store.jdbi(), clock), List.of(notifier), clock);
    }

    Notifications.Sent send(String title, String message, Notification.Priority priority, String key) {
        return notifications.send(Notification.of(title, message, priority), key);
    }

    /** Returns how many waiting notifications went out. */
    int beat() {
        int released = notifications.release();
        dispatch.deliverDue();
        return released;
    }
}
