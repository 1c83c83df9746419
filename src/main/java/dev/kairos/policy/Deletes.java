package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive deletes: {@code rm -r} (however its options are spelt, GNU takes them anywhere and abbreviated) and
 * {@code find -delete} or {@code -exec rm}, of a protected folder after the path is normalised.
 */
final class Deletes {
    /** Programs that delete what find hands them. */
    static final Set<String> DELETERS = Set.of("rm", "unlink", "rmdir", "shred", "srm", "trash", "trash-put");
    /** Tests that narrow what find lists, so its deletes reach less than its starting points. */
    private static final Set<String> NARROWING = Set.of("-name", "-iname", "-path", "-ipath", "-wholename",
            "-iwholename", "-regex", "-iregex", "-newer", "-anewer", "-cnewer", "-mtime", "-mmin", "-atime", "-amin",
            "-ctime", "-cmin", "-size", "-user", "-group", "-perm", "-empty", "-links", "-inum", "-samefile", "-lname",
            "-ilname", "-prune", "-nouser", "-nogroup", "-used", "-context");
    private static final Set<String> EXECUTING = Set.of("-exec", "-execdir", "-ok", "-okdir");

    /**
     * A find: its starting points, whether it deletes (-delete), the commands it runs on what it finds
     * ({@code {}} in them stands for a found path), and whether tests narrow what it finds.
     */
    record Find(List<Arg> starts, boolean deletes, List<List<Arg>> execs, boolean narrowed) {}

    private final ProtectedFolders folders;

    Deletes(ProtectedFolders folders) {
        this.folders = folders;
    }

    void rm(List<Arg> args, Optional<String> cwd, Findings findings) {
        boolean recursive = false;
        boolean maybe = false;
        boolean options = true;
        List<Arg> targets = new ArrayList<>();
        for (Arg a : args) {
            String t = a.text();
            if (!a.known()) {
                maybe = true;
                targets.add(a);
            } else if (options && t.equals("--")) {
                options = false;
            } else if (options && t.startsWith("--")) {
                String name = t.substring(2).split("=", 2)[0];
                if (name.startsWith("n") && "no-preserve-root".startsWith(name)) findings.deny("rm --no-preserve-root");
                recursive |= !name.isEmpty() && "recursive".startsWith(name);
            } else if (options && t.startsWith("-") && t.length() > 1) {
                recursive |= t.indexOf('r') > 0 || t.indexOf('R') > 0;
            } else {
                targets.add(a);
            }
        }
        if (!recursive && !maybe) return;
        for (Arg t : targets) check(t, cwd, "rm -rf", "rm -rf " + t.shown(), recursive, findings);
    }

    /**
     * Denies when a recursive delete of {@code target} reaches a protected folder ({@code surely}), or calls it
     * unreadable when it might; {@code shown} is how the command is quoted in the reason.
     */
    void check(Arg target, Optional<String> cwd, String what, String shown, boolean surely, Findings findings) {
        if (!target.known()) {
            findings.unreadable(what + " of a path not known until the command runs (" + target.shown() + ")");
            return;
        }
        Optional<List<String>> path = LexicalPath.components(target.text(), cwd);
        if (path.isEmpty()) {
            findings.unreadable(what + " in a folder not known until the command runs (" + shown + ")");
            return;
        }
        Optional<String> reached = folders.reached(path.get(), target.glob());
        if (reached.isEmpty()) return;
        if (surely) findings.deny(what + " of " + reached.get() + " (" + shown + ")");
        else findings.unreadable(what + " of what may be " + reached.get() + " (" + shown + ")");
    }

    /** Whether deleting under {@code start} may reach a protected folder. */
    boolean reaches(Arg start, Optional<String> cwd) {
        if (!start.known()) return true;
        return LexicalPath.components(start.text(), cwd).map(p -> folders.reached(p, start.glob()).isPresent())
                .orElse(true);
    }

    static Find find(List<Arg> args) {
        int i = 0;
        while (i < args.size() && (args.get(i).is("-H") || args.get(i).is("-L") || args.get(i).is("-P")
                || args.get(i).known() && args.get(i).text().startsWith("-O"))) {
            i++;
        }
        if (i < args.size() && args.get(i).is("-D")) i += 2;
        List<Arg> starts = new ArrayList<>();
        while (i < args.size() && !expression(args.get(i))) starts.add(args.get(i++));
        if (starts.isEmpty()) starts.add(Arg.literal("."));
        boolean deletes = false;
        boolean narrowed = false;
        List<List<Arg>> execs = new ArrayList<>();
        for (; i < args.size(); i++) {
            Arg a = args.get(i);
            if (!a.known()) {
                narrowed = true;
                continue;
            }
            deletes |= a.is("-delete");
            narrowed |= NARROWING.contains(a.text());
            if (!EXECUTING.contains(a.text())) continue;
            List<Arg> command = new ArrayList<>();
            for (i++; i < args.size() && !args.get(i).is(";") && !args.get(i).is("+"); i++) command.add(args.get(i));
            execs.add(command);
        }
        return new Find(starts, deletes, execs, narrowed);
    }

    private static boolean expression(Arg a) {
        if (!a.known()) return false;
        String t = a.text();
        return t.startsWith("-") && t.length() > 1 || t.equals("(") || t.equals("!") || t.equals(")")
                || t.equals(",");
    }
}
