package dev.kairos.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications to the user's devices; secrets come from the environment only.
 *
 * @param ntfyUrl KAIROS_NTFY_URL, the ntfy topic URL (self-hosted or public)
 * @param ntfyToken KAIROS_NTFY_TOKEN, an ntfy access token
 * @param publicUrl KAIROS_PUBLIC_URL or {@code notify.publicUrl}: the base of links sent to the user's devices
 * @param delivery quiet hours, rate limit and dedupe (the delivery policy)
 */
public record NotifySettings(Optional<URI> ntfyUrl, Optional<String> ntfyToken, Optional<URI> publicUrl,
        Delivery delivery) {

    static NotifySettings read(Section s, Map<String, String> env) {
        Optional<URI> publicUrl = Optional.ofNullable(s.parsed("publicUrl", null, NotifySettings::url));
        Delivery delivery = Delivery.read(s);
        s.finish();
        return new NotifySettings(envUrl(env, "KAIROS_NTFY_URL"), GitHubSettings.nonBlank(env.get("KAIROS_NTFY_TOKEN")),
                envUrl(env, "KAIROS_PUBLIC_URL").or(() -> publicUrl), delivery);
    }

    static Optional<URI> envUrl(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return Optional.empty();
        try {
            return Optional.of(url(v));
        } catch (IllegalArgumentException e) {
            throw new ConfigError(name + ": " + e.getMessage());
        }
    }

    static URI url(String text) {
        try {
            URI u = URI.create(text.strip());
            if (u.getScheme() != null && u.getScheme().matches("https?") && u.getHost() != null) return u;
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not an http(s) URL such as https://ntfy.sh/my-topic");
    }

    /** Never the token: a Config may be printed. */
    @Override
    public String toString() {
        return "NotifySettings[ntfyUrl=" + ntfyUrl + ", ntfyToken=" + ntfyToken.map(x -> "(set)").orElse("(none)")
                + ", publicUrl=" + publicUrl + ", delivery=" + delivery + "]";
    }

    // --- the delivery policy (issue 10, part 2): quiet hours, rate limit, dedupe ---

    /**
     * How notifications are paced. Urgent ones (an approval waiting) always go at once.
     *
     * @param quietHours local hours ("22:00-07:00") in which normal and low notifications wait, to go out as one
     *     digest when they end; empty: none
     * @param rateLimit at most one normal or low notification per this; what comes meanwhile goes out as one
     *     (0s: no limit, but what comes within one beat is still one notification)
     * @param dedupeWindow the same title and text again within this is sent once
     */
    public record Delivery(Optional<ActiveHours> quietHours, Duration rateLimit, Duration dedupeWindow) {
        public static final Delivery DEFAULT = new Delivery(Optional.empty(), Duration.ofMinutes(1),
                Duration.ofHours(1));

        static Delivery read(Section s) {
            Optional<ActiveHours> quiet = Optional.ofNullable(s.parsed("quietHours", null, Delivery::quiet));
            return new Delivery(quiet, s.duration("rateLimit", DEFAULT.rateLimit(), Duration.ZERO),
                    s.duration("dedupeWindow", DEFAULT.dedupeWindow(), Duration.ZERO));
        }

        private static ActiveHours quiet(String text) {
            ActiveHours h = ActiveHours.parse(text);
            if (h.allDay()) {
                throw new IllegalArgumentException("'" + text + "' covers the whole day, so nothing but urgent "
                        + "notifications would ever go out; use e.g. \"22:00-07:00\", or leave it empty for none");
            }
            return h;
        }
    }
}
