package dev.kairos.policy;

import java.util.regex.Pattern;

/** The globs of policy rules, as regular expressions. */
final class Glob {
    /** What a {@code *} in a command glob never spans: "npm test*" must not match "npm test; rm -rf src". */
    private static final String COMMAND_CHAR = "[^;&|<>`$()\\n]";

    private Glob() {}

    /** {@code *} within a path segment, {@code **} across segments, {@code ?} one character. */
    static Pattern path(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (glob.startsWith("**", i)) {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    static Pattern command(String glob) {
        return simple(normalise(glob), COMMAND_CHAR);
    }

    static Pattern text(String glob) {
        return Pattern.compile(simple(glob, ".").pattern(), Pattern.DOTALL);
    }

    /** Commands compare with runs of white space as one space. */
    static String normalise(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }

    private static Pattern simple(String glob, String any) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') re.append(any).append('*');
            else if (c == '?') re.append(any);
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
