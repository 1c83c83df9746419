package dev.kairos.policy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The folders no recursive delete may reach: the root, the agent's home, any home (/home/x, /Users/x, /root), and
 * the folders that hold them. A delete reaches one when it names it, an ancestor of it, or everything in it.
 */
final class ProtectedFolders {
    private static final String ANY = "\u0000any";
    private static final Pattern EVERYTHING = Pattern.compile("[.*?\\[\\]!^]*\\*[.*?\\[\\]!^]*");

    private final List<List<String>> folders;

    ProtectedFolders(String home) {
        List<String> own = LexicalPath.components(home, Optional.empty()).orElse(List.of());
        this.folders = List.of(List.of("home"), List.of("root"), List.of("Users"), List.of("home", ANY),
                List.of("Users", ANY), own);
    }

    /** "the root" or "a home folder" when deleting {@code path} recursively reaches one. */
    Optional<String> reached(List<String> path, boolean glob) {
        if (glob && !path.isEmpty() && EVERYTHING.matcher(path.getLast()).matches()) {
            Optional<String> parent = exactly(path.subList(0, path.size() - 1), false);
            if (parent.isPresent()) return parent;
        }
        return exactly(path, glob);
    }

    private Optional<String> exactly(List<String> path, boolean glob) {
        if (path.isEmpty()) return Optional.of("the root");
        for (List<String> f : folders) {
            if (covers(path, f, glob)) return Optional.of("a home folder");
        }
        return Optional.empty();
    }

    /** {@code path} names {@code folder} or one of its ancestors. */
    private static boolean covers(List<String> path, List<String> folder, boolean glob) {
        if (path.size() > folder.size()) return false;
        for (int i = 0; i < path.size(); i++) {
            String p = path.get(i);
            String f = folder.get(i);
            if (f.equals(ANY)) continue;
            if (glob ? !globMatches(p, f) : !p.equals(f)) return false;
        }
        return true;
    }

    /** One path component against a bash pattern: * ? and [...] (with ! or ^ for "not"). */
    static boolean globMatches(String pattern, String name) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && pattern.indexOf(']', i + 2) > 0) {
                int end = pattern.indexOf(']', i + 2);
                String set = pattern.substring(i + 1, end);
                boolean not = set.startsWith("!") || set.startsWith("^");
                re.append('[').append(not ? "^" : "");
                for (char m : set.substring(not ? 1 : 0).toCharArray()) {
                    if (m != '-' && !Character.isLetterOrDigit(m)) re.append('\\');
                    re.append(m);
                }
                re.append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(name).matches();
    }
}
