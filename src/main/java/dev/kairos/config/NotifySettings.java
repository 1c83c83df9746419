package dev.kairos.config;

import java.net.URI;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Notifications to the user's devices; secrets come from the environment only.
 *
 * @param ntfyUrl KAIROS_NTFY_URL, the ntfy topic URL (self-hosted or public)
 * @param ntfyToken KAIROS_NTFY_TOKEN, an ntfy access token
 * @param publicUrl KAIROS_PUBLIC_URL or {@code notify.publicUrl}: the base of links sent to the user's devices
 * @param email {@code notify.email}: plain-text mail over SMTP, when its {@code to} and {@code host} are set
 *     ({@code to} may list several addresses, separated by commas)
 * @param pushSubject {@code notify.webPush.subject}: who runs this Kairos, told to push services (VAPID, RFC 8292);
 *     by default the mail address Kairos sends from, if any
 * @param delivery quiet hours, rate limit and dedupe (the delivery policy)
 */
public record NotifySettings(Optional<URI> ntfyUrl, Optional<String> ntfyToken, Optional<URI> publicUrl,
        Optional<Email> email, String pushSubject, Delivery delivery) {
    /** ntfy's topic names (its server's topicRegex). */
    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    /** With the default pacing ({@link Delivery#DEFAULT}). */
    public NotifySettings(Optional<URI> ntfyUrl, Optional<String> ntfyToken, Optional<URI> publicUrl,
            Optional<Email> email, String pushSubject) {
        this(ntfyUrl, ntfyToken, publicUrl, email, pushSubject, Delivery.DEFAULT);
    }

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");
    static final String DEFAULT_PUSH_SUBJECT = "mailto:kairos@localhost";

    /**
     * SMTP settings; the password is KAIROS_SMTP_PASSWORD.
     *
     * @param starttls upgrade the connection with STARTTLS before anything is sent (required when true)
     * @param user the SMTP login, if the server wants one
     */
    public record Email(List<String> to, String from, String host, int port, boolean starttls, Optional<String> user,
            Optional<String> password) {
        public Email {
            to = List.copyOf(to);
        }

        /** Never the password: a Config may be printed. */
        @Override
        public String toString() {
            return "Email[to=" + to + ", from=" + from + ", host=" + host + ", port=" + port + ", starttls=" + starttls
                    + ", user=" + user + ", password=" + password.map(x -> "(set)").orElse("(none)") + "]";
        }
    }

    static NotifySettings read(Section s, Map<String, String> env) {
        Optional<URI> publicUrl = Optional.ofNullable(s.parsed("publicUrl", null, NotifySettings::url));
        Optional<Email> email = email(s.section("email"), env);
        Section push = s.section("webPush");
        String subject = push.parsed("subject", email.map(e -> "mailto:" + e.from()).orElse(DEFAULT_PUSH_SUBJECT),
                NotifySettings::subject);
        push.finish();
        Delivery delivery = Delivery.read(s);
        s.finish();
        Optional<URI> ntfy = envUrl(env, "KAIROS_NTFY_URL");
        ntfy.ifPresent(NotifySettings::ntfyTopic);
        return new NotifySettings(ntfy, GitHubSettings.nonBlank(env.get("KAIROS_NTFY_TOKEN")),
                envUrl(env, "KAIROS_PUBLIC_URL").or(() -> publicUrl), email, subject,
                delivery);
    }

    private static Optional<Email> email(Section e, Map<String, String> env) {
        List<String> to = java.util.Arrays.stream(e.string("to", "").split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        String host = e.string("host", null);
        String from = e.string("from", null);
        int port = e.integer("port", 587, 1, 65_535);
        boolean starttls = e.bool("starttls", true);
        Optional<String> user = GitHubSettings.nonBlank(e.string("user", null));
        e.finish();
        if (to.isEmpty() && (host == null || host.isBlank())) return Optional.empty();
        if (to.isEmpty()) throw e.error("to", "notify.email needs 'to: you@example.com' (who gets the mail)");
        if (host == null || host.isBlank()) throw e.error("host", "notify.email needs 'host: smtp.example.com'");
        for (String t : to) {
            if (!ADDRESS.matcher(t).matches()) throw e.error("to", "'" + t + "' is not a mail address");
        }
        String sender = from == null || from.isBlank() ? to.getFirst() : from.strip();
        if (!ADDRESS.matcher(sender).matches()) throw e.error("from", "'" + sender + "' is not a mail address");
        return Optional.of(new Email(to, sender, host.strip(), port, starttls, user,
                GitHubSettings.nonBlank(env.get("KAIROS_SMTP_PASSWORD"))));
    }

    /** The topic, the last segment of KAIROS_NTFY_URL; a ConfigError when it is not one ntfy takes. */
    public static String ntfyTopic(URI topicUrl) {
        String path = topicUrl.getPath() == null ? "" : topicUrl.getPath().replaceAll("/+$", "");
        String topic = path.substring(path.lastIndexOf('/') + 1);
        if (!TOPIC.matcher(topic).matches()) {
            throw new ConfigError("KAIROS_NTFY_URL: '" + topicUrl + "' does not end in a topic (letters, digits, - and "
                    + "_, at most 64); use e.g. https://ntfy.sh/my-kairos-topic");
        }
        return topic;
    }

    private static String subject(String text) {
        if (text.startsWith("mailto:") || text.startsWith("https://")) return text;
        throw new IllegalArgumentException("'" + text + "' must start with mailto: or https:// (e.g. mailto:you@example.com)");
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
                + ", publicUrl=" + publicUrl + ", email=" + email + ", pushSubject=" + pushSubject + ", delivery="
                + delivery + "]";
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
