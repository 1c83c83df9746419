package dev.kairos.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user talks to the agent besides the terminal; secrets come from the environment only.
 *
 * @param telegramToken KAIROS_TELEGRAM_TOKEN, the bot's token
 * @param telegramApi KAIROS_TELEGRAM_API, the Bot API base (a loopback server in tests)
 * @param webToken KAIROS_WEB_TOKEN: when set, the web chat and its API answer only requests that carry it
 *     ({@code Authorization: Bearer TOKEN}), from this machine or through a proxy in front of it; when unset, only
 *     this machine's own pages and tools. Not a kairos.yaml key: the agent's tools can read kairos.yaml.
 * @param email {@code channels.email}: a mailbox read over IMAP and answered over SMTP
 * @param preferred {@code channels.preferred}: where {@code message_user} starts a thread (telegram, email or none);
 *     empty: the first channel configured
 */
public record ChannelSettings(Optional<String> telegramToken, URI telegramApi, Optional<String> webToken,
        Optional<MailboxSettings> email, Optional<String> preferred) {
    static final java.util.List<String> PREFERRED = java.util.List.of("telegram", "email", "none");

    public static final URI TELEGRAM = URI.create("https://api.telegram.org");
    /** Shorter than this, a token guarding the chat could be guessed. */
    static final int MIN_WEB_TOKEN = 16;

    /** No mailbox, no preference. */
    public ChannelSettings(Optional<String> telegramToken, URI telegramApi, Optional<String> webToken) {
        this(telegramToken, telegramApi, webToken, Optional.empty(), Optional.empty());
    }

    static ChannelSettings read(Section s, Map<String, String> env) {
        Optional<MailboxSettings> email = MailboxSettings.read(s.section("email"), env);
        Optional<String> preferred = GitHubSettings.nonBlank(s.string("preferred", null)).map(String::strip);
        if (preferred.isPresent() && !PREFERRED.contains(preferred.get())) {
            throw s.error("preferred", "'" + preferred.get() + "' is not a channel; use one of " + PREFERRED);
        }
        s.finish();
        return new ChannelSettings(GitHubSettings.nonBlank(env.get("KAIROS_TELEGRAM_TOKEN")),
                NotifySettings.envUrl(env, "KAIROS_TELEGRAM_API").orElse(TELEGRAM), webToken(env), email, preferred);
    }

    private static Optional<String> webToken(Map<String, String> env) {
        Optional<String> token = GitHubSettings.nonBlank(env.get("KAIROS_WEB_TOKEN"));
        if (token.isPresent() && (token.get().length() < MIN_WEB_TOKEN || token.get().matches(".*\\s.*"))) {
            throw new ConfigError("KAIROS_WEB_TOKEN: too short or has spaces; use at least " + MIN_WEB_TOKEN
                    + " random characters, e.g. the output of 'openssl rand -hex 16'");
        }
        return token;
    }

    /** Never the token: a Config may be printed. */
    @Override
    public String toString() {
        return "ChannelSettings[telegramToken=" + telegramToken.map(x -> "(set)").orElse("(none)") + ", telegramApi="
                + telegramApi + ", webToken=" + webToken.map(x -> "(set)").orElse("(none)") + ", email=" + email
                + ", preferred=" + preferred.orElse("(first configured)") + "]";
    }
}
