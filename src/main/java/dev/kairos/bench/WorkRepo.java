package dev.kairos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The repository the day benchmark's user works in, a real git repository: a small shell project whose test is
 * {@code bash test.sh}. The user edits notes, commits, once a day commits a change that breaks {@code add}, and
 * merges the fix Kairos left on its task branch. Commits are dated by the replay's clock.
 */
final class WorkRepo implements AutoCloseable {
    static final String CODE = "calc.sh";
    static final String GOOD_LINE = "$1 + $2";
    static final String BROKEN_LINE = "$1 - $2";
    private static final String TEST = """
            source ./calc.sh
            got=$(add 2 3)
            if [ "$got" != 5 ]; then echo "FAIL: add 2 3 gave $got, expected 5"; exit 1; fi
            got=$(double 4)
            if [ "$got" != 8 ]; then echo "FAIL: double 4 gave $got, expected 8"; exit 1; fi
            echo "PASS: add and double"
            """;

    private final Path dir;
    private final Git git;
    private final InstantSource clock;

    private WorkRepo(Path dir, Git git, InstantSource clock) {
        this.dir = dir;
        this.git = git;
        this.clock = clock;
    }

    /** A new repository in {@code dir} with its first commit: the code, its test, a notes file. */
    static WorkRepo create(Path dir, InstantSource clock) {
        try {
            Files.createDirectories(dir);
            WorkRepo repo = new WorkRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(),
                    clock);
            repo.write(CODE, code(GOOD_LINE));
            repo.write("test.sh", TEST);
            repo.write("NOTES.md", "# Notes\n\n");
            repo.commit("Start calc");
            return repo;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot create the bench's repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    String testCommand() {
        return "bash test.sh";
    }

    /** An edit left in the working tree, uncommitted for now. */
    void note(String line) {
        append("NOTES.md", "- " + line + "\n");
    }

    /** Commits everything in the working tree. */
    void commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            PersonIdent user = new PersonIdent("Ada", "ada@example.com", clock.instant(), ZoneOffset.UTC);
            git.commit().setMessage(message).setAuthor(user).setCommitter(user).setSign(false).setNoVerify(true).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit in the bench's repository: " + e.getMessage(), e);
        }
    }

    /** The change that makes the test fail: add subtracts. */
    void breakAdd(String message) {
        write(CODE, code(BROKEN_LINE));
        commit(message);
    }

    /**
     * Takes Kairos's fix: fast-forwards main to {@code branch} when that branch holds a commit main lacks; else puts
     * the code right by hand. Returns whether Kairos's branch was merged.
     */
    boolean takeFix(String branch, String fallbackMessage) {
        try {
            ObjectId tip = git.getRepository().resolve("refs/heads/" + branch);
            if (tip != null && !tip.equals(git.getRepository().resolve("HEAD"))) {
                MergeResult r = git.merge().include(tip).setFastForward(MergeCommand.FastForwardMode.FF_ONLY).call();
                if (r.getMergeStatus().isSuccessful()) return true;
            }
            write(CODE, code(GOOD_LINE));
            commit(fallbackMessage);
            return false;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot merge " + branch + " in the bench's repository: " + e.getMessage(), e);
        }
    }

    private static String code(String add) {
        return "add() { echo $(( " + add + " )); }\ndouble() { echo $(( $1 * 2 )); }\n";
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in the bench's repository: " + e.getMessage(), e);
        }
    }

    private void append(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in the bench's repository: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
