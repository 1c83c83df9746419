package dev.kairos.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications to the user's devices; secrets come from the environment only.
 *
 * @param ntfyUrl KAIROS_NTFY_URL, the ntfy topic URL (self-hosted or public)
 * @param ntfyToken KAIROS_NTFY_TOKEN, an ntfy access token
 * @param publicUrl KAIROS_PUBLIC_URL or {@code notify.publicUrl}: the base of links sent to the user's devices
 */
public record NotifySettings(Optional<URI> ntfyUrl, Optional<String> ntfyToken, Optional<URI> publicUrl) {

    static NotifySettings read(Section s, Map<String, String> env) {
        Optional<URI> publicUrl = Optional.ofNullable(s.parsed("publicUrl", null, NotifySettings::url));
        s.finish();
        return new NotifySettings(envUrl(env, "KAIROS_NTFY_URL"), GitHubSettings.nonBlank(env.get("KAIROS_NTFY_TOKEN")),
                envUrl(env, "KAIROS_PUBLIC_URL").or(() -> publicUrl));
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
                + ", publicUrl=" + publicUrl + "]";
    }
}
