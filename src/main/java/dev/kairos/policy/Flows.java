package dev.kairos.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where text goes between commands, pipes and files: fetchers bring it from the network (and save it), echo and
 * printf and cat say what it is, tee, cp, mv, ln and dd carry it to other files, archives unpack it under names the
 * line does not tell. Any other command passes on the taint of what it reads.
 */
final class Flows {
    private static final Set<String> UNPACKERS = Set.of("tar", "unzip", "7z", "7za", "cpio", "gunzip", "bunzip2",
            "unxz", "unzstd", "gzip", "bzip2", "xz", "zstd", "ar", "jar", "unrar");

    private final Written written;

    Flows(Written written) {
        this.written = written;
    }

    Out run(String name, List<Arg> args, Programs.Call call) {
        Optional<String> cwd = call.scope().cwd();
        if (Fetchers.fetches(name, args)) {
            Fetchers.Saved saved = Fetchers.saved(name, args);
            for (Arg f : saved.files()) written.record(LexicalPath.key(f, cwd), new Written.Fact(true, Optional.empty()), false);
            written.unknownDownloads |= saved.others();
            return Out.NETWORK;
        }
        return switch (name) {
            case "echo" -> echo(args, call);
            case "printf" -> printf(args, call);
            case "pwd" -> cwd.map(c -> Out.text(c + "\n", false)).orElse(Out.UNKNOWN);
            case "cat" -> cat(args, call);
            case "tee" -> {
                boolean append = args.stream().anyMatch(a -> a.is("-a") || a.is("--append"));
                for (Arg f : args) {
                    if (f.known() && f.text().startsWith("-")) continue;
                    written.record(LexicalPath.key(f, cwd), new Written.Fact(call.stdin().tainted(), call.stdin().text()), append);
                }
                yield call.stdin();
            }
            case "cp", "mv", "install", "ln" -> copy(name, args, cwd);
            case "dd" -> dd(args, call);
            default -> {
                if (UNPACKERS.contains(name) && (call.stdin().tainted() || names(args, cwd))) written.unknownDownloads = true;
                yield passed(args, call);
            }
        };
    }

    /** What a command writes when the reading does not know the program: tainted if what it reads is. */
    Out passed(List<Arg> args, Programs.Call call) {
        return Out.unknown(call.stdin().tainted() || Arg.anyTainted(args) || names(args, call.scope().cwd()));
    }

    /** Some argument names a downloaded file. */
    private boolean names(List<Arg> args, Optional<String> cwd) {
        return args.stream().anyMatch(a -> written.fact(LexicalPath.key(a, cwd)).map(Written.Fact::network).orElse(false));
    }

    private Out echo(List<Arg> args, Programs.Call call) {
        int i = 0;
        boolean newline = true;
        while (i < args.size() && args.get(i).known() && args.get(i).text().matches("-[neE]+")) {
            newline &= !args.get(i).text().contains("n");
            i++;
        }
        List<Arg> words = args.subList(i, args.size());
        if (!words.stream().allMatch(Arg::known)) return Out.unknown(Arg.anyTainted(args));
        String text = String.join(" ", words.stream().map(Arg::text).toList()) + (newline ? "\n" : "");
        return Out.text(text, Arg.anyTainted(args));
    }

    private Out printf(List<Arg> args, Programs.Call call) {
        if (args.size() != 1 || !args.getFirst().known() || args.getFirst().text().replace("%%", "").contains("%")) {
            return Out.unknown(Arg.anyTainted(args));
        }
        String text = args.getFirst().text().replace("%%", "%").replace("\\n", "\n").replace("\\t", "\t");
        return Out.text(text, args.getFirst().tainted());
    }

    /** cat FILES…: their text when the line wrote them; standard input when no file (or "-") is named. */
    private Out cat(List<Arg> args, Programs.Call call) {
        List<Arg> files = args.stream().filter(a -> !a.known() || !a.text().startsWith("-") || a.is("-")).toList();
        boolean options = files.size() < args.size();
        if (files.isEmpty()) return options ? Out.unknown(call.stdin().tainted()) : call.stdin();
        Out out = Out.NOTHING;
        for (Arg f : files) {
            if (f.is("-")) {
                out = out.then(call.stdin());
                continue;
            }
            out = out.then(written.read(f, call.scope().cwd()));
        }
        return options ? Out.unknown(out.tainted()) : out;
    }

    /** cp, mv, install, ln SOURCE… DEST: what the line knows of a source follows it to the destination. */
    private Out copy(String name, List<Arg> args, Optional<String> cwd) {
        List<Arg> operands = args.stream().filter(a -> !a.known() || !a.text().startsWith("-")).toList();
        if (operands.size() < 2) return Out.NOTHING;
        Arg dest = operands.getLast();
        for (Arg source : operands.subList(0, operands.size() - 1)) {
            Optional<Written.Fact> fact = written.fact(LexicalPath.key(source, cwd));
            if (fact.isEmpty() && source.known()) {
                String program = source.text().substring(source.text().lastIndexOf('/') + 1);
                fact = Optional.of(new Written.Fact(false, Optional.empty(), Optional.of(program)));
            }
            if (fact.isEmpty()) continue;
            written.record(LexicalPath.key(dest, cwd), fact.get(), false);
            if (dest.known() && source.known()) {
                String inside = dest.text() + "/" + source.text().substring(source.text().lastIndexOf('/') + 1);
                written.record(LexicalPath.key(Arg.literal(inside), cwd), fact.get(), false);
            }
            if (name.equals("mv")) written.forget(LexicalPath.key(source, cwd));
        }
        return Out.NOTHING;
    }

    private Out dd(List<Arg> args, Programs.Call call) {
        Optional<String> cwd = call.scope().cwd();
        Out in = call.stdin();
        Optional<Arg> to = Optional.empty();
        for (Arg a : args) {
            if (a.known() && a.text().startsWith("if=")) {
                in = written.read(Arg.literal(a.text().substring(3)), cwd);
            }
            if (a.known() && a.text().startsWith("of=")) to = Optional.of(Arg.literal(a.text().substring(3)));
        }
        if (to.isEmpty()) return in;
        written.record(LexicalPath.key(to.get(), cwd), new Written.Fact(in.tainted(), in.text()), false);
        return Out.NOTHING;
    }
}
