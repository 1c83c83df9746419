package dev.kairos.notify;

import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Outcome;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The notifiers this Kairos has, from kairos.yaml, the environment and its keys: ntfy when KAIROS_NTFY_URL is set,
 * Web Push once a browser subscribed at {@code /push}, email when {@code notify.email} is set. Whoever sends a
 * notification records one outbox effect of kind {@code notify.<name>} per name in {@link #names()}, with the
 * {@link Notification} as JSON; {@link #couriers()} deliver them.
 */
public final class Notifiers {
    public static final String KIND_PREFIX = "notify.";

    /** One notifier's answer to {@code kairos notify test}. */
    public record Tried(String name, boolean ok, String detail) {}

    private final Optional<Notifier> ntfy;
    private final Optional<WebPushNotifier> webPush;
    private final Optional<Notifier> email;
    private final Optional<PushSubscriptions> push;
    private final Optional<PushKeys> keys;

    private Notifiers(Optional<Notifier> ntfy, Optional<WebPushNotifier> webPush, Optional<Notifier> email,
            Optional<PushSubscriptions> push, Optional<PushKeys> keys) {
        this.ntfy = ntfy;
        this.webPush = webPush;
        this.email = email;
        this.push = push;
        this.keys = keys;
    }

    /**
     * From the settings and the keys in {@code keysDir}; never writes them (see {@link PushKeys#ensure}), and reads them
     * only at their first use (a push, the {@code /push} key, a subscription, {@code notify test}).
     */
    public static Notifiers configured(NotifySettings settings, Path keysDir, Jdbi jdbi, InstantSource clock) {
        return configured(settings, keysDir, jdbi, clock, new LazyHttp(), new SecureRandom());
    }

    static Notifiers configured(NotifySettings settings, Path keysDir, Jdbi jdbi, InstantSource clock,
            Supplier<HttpClient> http, SecureRandom random) {
        Optional<Notifier> ntfy = settings.ntfyUrl().map(u -> new NtfyNotifier(u, settings.ntfyToken(), http, clock));
        Optional<Notifier> email = settings.email().map(e -> new EmailNotifier(e, clock));
        Optional<PushKeys> keys = PushKeys.in(keysDir);
        Optional<PushSubscriptions> push = keys.map(k -> new PushSubscriptions(jdbi, clock, k));
        Optional<WebPushNotifier> webPush = keys.map(k -> new WebPushNotifier(push.orElseThrow(), k,
                settings.pushSubject(), http, clock, random));
        return new Notifiers(ntfy, webPush, email, push, keys);
    }

    public static String kind(String name) {
        return KIND_PREFIX + name;
    }

    /** The names configured now, in a stable order: Web Push counts once a browser has subscribed. */
    public List<String> names() {
        return configuredNow().stream().map(Notifier::name).toList();
    }

    /** One courier per notifier there could be (Web Push's even before a browser subscribes). */
    public List<Courier> couriers() {
        List<Courier> out = new ArrayList<>();
        ntfy.ifPresent(n -> out.add(new NotifierCourier(n)));
        webPush.ifPresent(n -> out.add(new NotifierCourier(n)));
        email.ifPresent(n -> out.add(new NotifierCourier(n)));
        return out;
    }

    /** Where browsers subscribe, when this Kairos has its Web Push keys file (read when a browser first asks). */
    public Optional<PushSubscriptions> push() {
        return push;
    }

    /** What the user should fix (damaged keys), for `kairos status`: without parsing keys no push has needed yet. */
    public List<String> problems() {
        return keys.flatMap(PushKeys::problem).stream().toList();
    }

    /** Sends a test notification through each configured notifier now, not through the outbox: a test of settings. */
    public List<Tried> test() {
        List<Tried> out = new ArrayList<>();
        for (Notifier n : configuredNow()) {
            Notification test = new Notification("Kairos test", "If you can read this, Kairos reaches you through "
                    + n.name() + ".", Notification.Priority.NORMAL, List.of(), Optional.empty(),
                    List.of("white_check_mark"));
            Outcome o;
            try {
                o = n.send(test);
            } catch (RuntimeException e) {
                o = Outcome.Retry.because(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.add(switch (o) {
                case Outcome.Delivered d -> new Tried(n.name(), true, "delivered: " + d.receipt());
                case Outcome.Refused r -> new Tried(n.name(), false, "refused: " + r.reason());
                case Outcome.Retry r -> new Tried(n.name(), false, "failed: " + r.reason());
            });
        }
        return out;
    }

    private List<Notifier> configuredNow() {
        List<Notifier> out = new ArrayList<>();
        ntfy.ifPresent(out::add);
        if (webPush.isPresent() && push.orElseThrow().count() > 0) out.add(webPush.get());
        email.ifPresent(out::add);
        return out;
    }

    /** One HTTP client for every notifier, made on first use: a command that sends nothing starts no thread. */
    private static final class LazyHttp implements Supplier<HttpClient> {
        private HttpClient client;

        @Override
        public synchronized HttpClient get() {
            if (client == null) {
                client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
            }
            return client;
        }
    }
}
