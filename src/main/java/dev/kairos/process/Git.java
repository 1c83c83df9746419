package dev.kairos.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code git} program as Kairos runs it, the only way: nothing a repository's configuration names is ever
 * executed. A repository's {@code .git/config} and attributes can name programs that git runs on its own (hooks,
 * filters, textconv and external diff drivers, fsmonitor, pager, editor, ssh, askpass, credential helpers, gpg),
 * and a tool's write or a cloned repository can put them there. Every call switches them off with {@code -c}
 * settings, which outrank every configuration file, after listing the filter, diff and merge drivers the
 * configuration defines (git reads configuration without running anything) and switching each off by name.
 */
public final class Git {
    /** Settings that outrank the repository's own; each names a program git would otherwise run. */
    static final List<String> HARDENING = List.of(
            "core.hooksPath=/dev/null", "core.fsmonitor=false", "core.pager=cat", "core.editor=false",
            "sequence.editor=false", "core.sshCommand=false", "core.askPass=", "credential.helper=",
            "diff.external=", "commit.gpgSign=false", "tag.gpgSign=false", "log.showSignature=false",
            "gpg.program=false", "gpg.ssh.program=false", "gpg.x509.program=false",
            "protocol.allow=never", "protocol.ext.allow=never", "protocol.file.allow=never",
            "protocol.git.allow=never", "protocol.ssh.allow=never", "protocol.http.allow=never",
            "protocol.https.allow=never", "submodule.recurse=false", "gc.auto=0", "maintenance.auto=false",
            "color.ui=false");
    /**
     * For the commands that reach a checkout's remote (fetch, push, ls-remote): the same, except that the protocols
     * a remote uses are let through (https, ssh and a local path; never ext or plain git) and ssh is plain ssh,
     * never asking (the repository's core.sshCommand is not run).
     */
    static final List<String> REMOTE = HARDENING.stream().map(s -> switch (s) {
        case "protocol.file.allow=never", "protocol.ssh.allow=never", "protocol.https.allow=never" ->
                s.replace("=never", "=always");
        case "core.sshCommand=false" -> "core.sshCommand=ssh -o BatchMode=yes";
        default -> s;
    }).toList();
    /** Subcommands that may show file contents through a textconv or external diff driver. */
    private static final Set<String> SHOWS_DIFFS = Set.of("diff", "log", "show");
    private static final int CONFIG_CAP = 1024 * 1024;

    private final ProcessRunner runner;

    public Git(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * {@code git ARGS} in {@code dir}. Options before the subcommand in {@code args} ({@code -c key=value},
     * {@code --no-optional-locks}) are the caller's; the hardening comes after them, so it wins.
     */
    public Result run(Path dir, Duration timeout, String... args) {
        return run(dir, timeout, List.of(args));
    }

    public Result run(Path dir, Duration timeout, List<String> args) {
        return run(dir, timeout, args, HARDENING, Map.of());
    }

    /**
     * {@code git ARGS} in {@code dir} talking to a remote (see {@link #REMOTE}); {@code env} reaches git only (a
     * credential as GIT_CONFIG_* settings, never on the command line).
     */
    public Result remote(Path dir, Duration timeout, Map<String, String> env, String... args) {
        return run(dir, timeout, List.of(args), REMOTE, env);
    }

    private Result run(Path dir, Duration timeout, List<String> args, List<String> settings, Map<String, String> env) {
        Result config = runner.run(command(dir, timeout, List.of(), List.of("config", "--null", "--get-regexp",
                "^(filter|diff|merge)\\.")).withOutputCap(CONFIG_CAP));
        // exit 1: no such settings
        if (config.ending() != Result.Ending.EXITED || (config.exitCode() != 0 && config.exitCode() != 1)
                || config.output().cutBytes() > 0) {
            return Result.notStarted("cannot read the git configuration in " + dir + ": " + config.text().strip());
        }
        List<String> off;
        try {
            off = GitDrivers.switchedOff(config.exitCode() == 0 ? config.text() : "");
        } catch (IllegalArgumentException e) {
            return Result.notStarted("refusing to run git in " + dir + ": " + e.getMessage());
        }
        Command c = command(dir, timeout, off, args, settings);
        for (Map.Entry<String, String> e : env.entrySet()) c = c.withEnv(e.getKey(), e.getValue());
        return runner.run(c);
    }

    private static Command command(Path dir, Duration timeout, List<String> drivers, List<String> args) {
        return command(dir, timeout, drivers, args, HARDENING);
    }

    private static Command command(Path dir, Duration timeout, List<String> drivers, List<String> args,
            List<String> settings) {
        List<String> argv = new ArrayList<>(List.of("git", "--no-pager"));
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) { // options before the subcommand
            argv.add(args.get(i));
            if (args.get(i).equals("-c") && i + 1 < args.size()) argv.add(args.get(++i));
        }
        for (String setting : settings) argv.addAll(List.of("-c", setting));
        for (String setting : drivers) argv.addAll(List.of("-c", setting));
        if (i < args.size()) {
            String verb = args.get(i);
            argv.add(verb);
            if (SHOWS_DIFFS.contains(verb)) argv.addAll(List.of("--no-ext-diff", "--no-textconv"));
            argv.addAll(args.subList(i + 1, args.size()));
        }
        return Command.in(dir, argv).withTimeout(timeout).withEnv("GIT_CONFIG_NOSYSTEM", "1");
    }
}
