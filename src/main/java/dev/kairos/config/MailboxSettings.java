package dev.kairos.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code channels.email}: the mailbox the agent reads (IMAP) and answers from (SMTP). Passwords come from the
 * environment only: KAIROS_IMAP_PASSWORD, and KAIROS_SMTP_PASSWORD for sending (each stands in for the other when
 * only one is set: most mailboxes use one account for both).
 *
 * @param user the IMAP login, also the SMTP login unless {@code smtp.user} says otherwise
 * @param folder the folder read (INBOX)
 * @param allow the senders whose mail is the user's own (trusted); anyone else's is data
 * @param from the agent's own address: replies are sent from it, and mail from it is never answered
 */
public record MailboxSettings(String imapHost, int imapPort, boolean imapSsl, String user, Optional<String> password,
        String folder, List<String> allow, String smtpHost, int smtpPort, boolean smtpStarttls, String smtpUser,
        Optional<String> smtpPassword, String from) {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

    public MailboxSettings {
        allow = allow.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Empty when the section names no IMAP host; a ConfigError for a half-filled one. */
    static Optional<MailboxSettings> read(Section e, Map<String, String> env) {
        Section imap = e.section("imap");
        String imapHost = imap.string("host", null);
        boolean ssl = imap.bool("ssl", true);
        int imapPort = imap.integer("port", ssl ? 993 : 143, 1, 65_535);
        imap.finish();
        String user = e.string("user", null);
        String folder = e.string("folder", "INBOX");
        List<String> allow = e.strings("allow");
        Section smtp = e.section("smtp");
        String smtpHost = smtp.string("host", null);
        int smtpPort = smtp.integer("port", 587, 1, 65_535);
        boolean starttls = smtp.bool("starttls", true);
        String smtpUser = smtp.string("user", user);
        String from = smtp.string("from", user);
        smtp.finish();
        e.finish();
        if (blank(imapHost) && blank(smtpHost) && blank(user)) return Optional.empty();
        if (blank(imapHost)) throw e.error("imap", "channels.email needs 'imap: {host: imap.example.com}'");
        if (blank(smtpHost)) throw e.error("smtp", "channels.email needs 'smtp: {host: smtp.example.com}' to answer");
        if (blank(user)) throw e.error("user", "channels.email needs 'user:', the mailbox's login");
        if (blank(from) || !ADDRESS.matcher(from.strip()).matches()) {
            throw e.error("smtp", "channels.email needs 'smtp: {from: kairos@example.com}' (the agent's address)");
        }
        if (allow.isEmpty()) {
            throw e.error("allow", "channels.email needs 'allow: [you@example.com]': whose mail is yours (trusted)");
        }
        for (String a : allow) {
            if (!ADDRESS.matcher(a.strip()).matches()) throw e.error("allow", "'" + a + "' is not a mail address");
        }
        Optional<String> imapPassword = GitHubSettings.nonBlank(env.get("KAIROS_IMAP_PASSWORD"));
        Optional<String> smtpPassword = GitHubSettings.nonBlank(env.get("KAIROS_SMTP_PASSWORD"));
        return Optional.of(new MailboxSettings(imapHost.strip(), imapPort, ssl, user.strip(),
                imapPassword.or(() -> smtpPassword), folder, allow, smtpHost.strip(), smtpPort, starttls,
                smtpUser.strip(), smtpPassword.or(() -> imapPassword), from.strip()));
    }

    /** The user's own address, where a thread the agent starts goes: the first of {@link #allow}. */
    public String owner() {
        return allow.getFirst();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Never the passwords: a Config may be printed. */
    @Override
    public String toString() {
        return "MailboxSettings[imap=" + imapHost + ":" + imapPort + (imapSsl ? " ssl" : "") + ", user=" + user
                + ", password=" + password.map(x -> "(set)").orElse("(none)") + ", folder=" + folder + ", allow="
                + allow + ", smtp=" + smtpHost + ":" + smtpPort + (smtpStarttls ? " starttls" : "") + ", smtpUser="
                + smtpUser + ", smtpPassword=" + smtpPassword.map(x -> "(set)").orElse("(none)") + ", from=" + from
                + "]";
    }
}
