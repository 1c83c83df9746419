package dev.kairos.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user talks to the agent besides the terminal; secrets come from the environment only.
 *
 * @param telegramToken KAIROS_TELEGRAM_TOKEN, the bot's token
 * @param telegramApi KAIROS_TELEGRAM_API, the Bot API base (a loopback server in tests)
 */
public record ChannelSettings(Optional<String> telegramToken, URI telegramApi) {
    public static final URI TELEGRAM = URI.create("https://api.telegram.org");

    static ChannelSettings read(Section s, Map<String, String> env) {
        s.finish();
        return new ChannelSettings(GitHubSettings.nonBlank(env.get("KAIROS_TELEGRAM_TOKEN")),
                NotifySettings.envUrl(env, "KAIROS_TELEGRAM_API").orElse(TELEGRAM));
    }

    /** Never the token: a Config may be printed. */
    @Override
    public String toString() {
        return "ChannelSettings[telegramToken=" + telegramToken.map(x -> "(set)").orElse("(none)") + ", telegramApi="
                + telegramApi + "]";
    }
}
