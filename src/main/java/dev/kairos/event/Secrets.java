package dev.kairos.event;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redacts text that looks like a token, key or password before it reaches the journal, memory, logs or a model. */
public final class Secrets {
    public static final String MASK = "[REDACTED]";

    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{8,}"),
            Pattern.compile("sk-(?:proj-)?[A-Za-z0-9_\\-]{20,}"),
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("github_pat_[A-Za-z0-9_]{20,}"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("xox[abposr]-[A-Za-z0-9\\-]{10,}"),
            Pattern.compile("AIza[0-9A-Za-z_\\-]{30,}"),
            Pattern.compile("eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"));

    /** "password: x", "api_key=x", "Authorization: Bearer x": keep the name, mask the value. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)((?:api[_-]?key|access[_-]?token|auth[_-]?token|secret|passw(?:or)?d|token|bearer)\\b[\"']?\\s*[:=]?\\s*[\"']?)"
                    + "([A-Za-z0-9_\\-./+=]{8,})");

    private Secrets() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Pattern p : TOKENS) out = p.matcher(out).replaceAll(MASK);
        Matcher m = ASSIGNED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String replacement = value.equals("REDACTED") || looksLikeWord(value) ? m.group() : m.group(1) + MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Plain lowercase words ("token expired", "password reset") are prose, not secrets. */
    private static boolean looksLikeWord(String value) {
        return value.chars().allMatch(c -> Character.isLowerCase(c) || c == '-' || c == '_' || c == '.');
    }
}
