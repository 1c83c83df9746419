package dev.kairos.notify;

import dev.kairos.config.Durations;
import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Printable;
import dev.kairos.event.Secrets;
import dev.kairos.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery policy: every notification to the user's devices goes through {@link #send}, which decides, and
 * {@link #release}, which runs at each beat. Urgent ones go at once. In quiet hours (local time) normal and low ones
 * wait and go out as one digest when the quiet hours end. Otherwise at most one goes out per rate-limit interval:
 * what comes meanwhile, or within one beat, goes out as one ("10 × Check failed"). The same key, or the same text
 * within the dedupe window, is sent once. Going out means one outbox effect per notifier, kind {@code notify.NAME},
 * key {@code KEY:NAME}, payload the {@link Notification} as JSON, recorded in the transaction that decides it.
 */
public final class Notifications {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** What {@link #send} decided. */
    public enum Sent {
        /** Urgent: in the outbox now, delivered after this beat. */
        NOW,
        /** Goes out at the next beat the rate limit allows, alone or with whatever else came meanwhile. */
        QUEUED,
        /** Quiet hours: goes out in their digest. */
        HELD,
        /** Its key, or its text within the dedupe window, was sent before: dropped. */
        DUPLICATE
    }

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final ZoneId zone;
    private final NotifySettings.Delivery rules;
    private final Supplier<List<String>> notifiers;

    /** @param notifiers the names of the configured notifiers ("ntfy", "webpush", "email") */
    public Notifications(Jdbi jdbi, InstantSource clock, ZoneId zone, NotifySettings.Delivery rules,
            Supplier<List<String>> notifiers) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.rules = rules;
        this.notifiers = notifiers;
    }

    /** Decides in a transaction of its own. */
    public Sent send(Notification n, String key) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> send(h, n, key, now));
    }

    /**
     * Decides inside the caller's transaction, so it commits (or not) with the step that asked. Secrets and control
     * characters leave the title and the text first: a push service is a third party.
     */
    public Sent send(Handle h, Notification asked, String key, Instant now) {
        if (NotificationLog.known(h, key)) return Sent.DUPLICATE;
        Notification n = new Notification(clean(asked.title()), clean(asked.message()), asked.priority(),
                asked.actions(), asked.click(), asked.tags());
        String fingerprint = fingerprint(n);
        if (!rules.dedupeWindow().isZero()
                && NotificationLog.sameTextAfter(h, fingerprint, now.minus(rules.dedupeWindow()))) {
            NotificationLog.insert(h, key, fingerprint, n, NotificationLog.State.DUPLICATE, null, now);
            return Sent.DUPLICATE;
        }
        if (n.priority() == Notification.Priority.URGENT) {
            NotificationLog.insert(h, key, fingerprint, n, NotificationLog.State.SENT, null, now);
            goOut(h, n, key, now);
            return Sent.NOW;
        }
        NotificationLog.Hold hold = quiet(now) ? NotificationLog.Hold.QUIET : NotificationLog.Hold.RATE;
        NotificationLog.insert(h, key, fingerprint, n, NotificationLog.State.HELD, hold, now);
        return hold == NotificationLog.Hold.QUIET ? Sent.HELD : Sent.QUEUED;
    }

    /**
     * At each beat: outside quiet hours, sends what waits as one notification (one alone goes as itself), once the
     * rate limit allows or at once when quiet hours held any of it. Returns how many waiting notifications went.
     */
    public int release() {
        Instant now = clock.instant();
        if (quiet(now)) return 0;
        return jdbi.inTransaction(h -> {
            List<NotificationLog.Held> held = NotificationLog.held(h);
            if (held.isEmpty()) return 0;
            boolean digest = held.stream().anyMatch(x -> x.hold() == NotificationLog.Hold.QUIET);
            Optional<Instant> last = NotificationLog.lastPaced(h);
            if (!digest && last.isPresent() && now.isBefore(last.get().plus(rules.rateLimit()))) return 0;
            NotificationLog.Held first = held.getFirst();
            Notification out = held.size() == 1 ? first.notification() : Summary.of(held, digest, zone);
            String key = held.size() == 1 ? first.key()
                    : (digest ? "digest:" : "together:") + first.id() + "-" + held.getLast().id();
            int released = NotificationLog.release(h, held.stream().map(NotificationLog.Held::id).toList(), key, now);
            if (released != held.size()) throw new IllegalStateException("held notifications changed meanwhile");
            goOut(h, out, key, now);
            log.info("notifications={} went out as one ({}) key={}", held.size(), digest ? "digest" : "rate limit",
                    key);
            return held.size();
        });
    }

    /** Whether any notifier is configured: without one, nothing leaves (decisions are still recorded). */
    public boolean canReach() {
        return !notifiers.get().isEmpty();
    }

    private void goOut(Handle h, Notification n, String key, Instant now) {
        String payload = Json.write(n);
        for (String name : notifiers.get()) {
            Outbox.record(h, Effect.Draft.of("notify." + name, key + ":" + name, payload), now);
        }
    }

    private static String clean(String text) {
        return Printable.of(Secrets.redact(text));
    }

    /**
     * Why a thread the agent starts itself ({@code message_user}) may not go now, under the same rules as a
     * notification: the user's quiet hours, or less than {@code notify.rateLimit} since the last one it started
     * ({@code lastStarted}). Empty: it may go.
     */
    public Optional<String> heldMessage(Optional<Instant> lastStarted) {
        Instant now = clock.instant();
        if (quiet(now)) {
            return Optional.of("the user's quiet hours hold now: nothing was sent; use notify_user (it waits for the "
                    + "digest when they end) or write again later");
        }
        if (lastStarted.isPresent() && now.isBefore(lastStarted.get().plus(rules.rateLimit()))) {
            return Optional.of("you wrote to the user less than " + Durations.format(rules.rateLimit()) + " ago "
                    + "(notify.rateLimit): nothing was sent; put it in your next message, or use notify_user");
        }
        return Optional.empty();
    }

    private boolean quiet(Instant now) {
        return rules.quietHours().map(q -> q.contains(now.atZone(zone).toLocalTime())).orElse(false);
    }

    /** SHA-256 of the title and text, in hex: the same for the same text, whatever the key. */
    public static String fingerprint(Notification n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((n.title() + "\n" + n.message()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
