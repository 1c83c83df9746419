package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathsCannotEscapeTheRootTest {
    @TempDir Path base;
    Path root;
    Path outside;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    ToolContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(base.resolve("worktree"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "the secret\n");
        ctx = ToolContext.at(root, SettableClock.at("2026-11-25T10:00:00Z"));
    }

    @Test
    void dotDotOutOfTheRootIsRefused() {
        ToolResult r = tools.call("read_file", Input.of("path", "../../../../../../etc/passwd"), ctx);
        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("refused: '../../../../../../etc/passwd' is /etc/passwd, outside the "
                + "folders this task may read");
        assertThat(tools.call("read_file", Input.of("path", "../outside/secret.txt"), ctx).content())
                .startsWith("refused:").doesNotContain("the secret");
        assertThat(tools.call("read_file", Input.of("path", "/etc/passwd"), ctx).content()).startsWith("refused:");
    }

    @Test
    void aSymlinkOutOfTheRootIsRefusedForReadingAndWriting() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret.txt"));

        assertThat(tools.call("read_file", Input.of("path", "link/secret.txt"), ctx).content()).startsWith("refused:");
        assertThat(tools.call("read_file", Input.of("path", "file-link"), ctx).content()).startsWith("refused:");
        assertThat(tools.call("write_file", Input.of("path", "link/new.txt", "content", "x"), ctx).content())
                .startsWith("refused:");
        assertThat(tools.call("edit_file", Input.of("path", "file-link", "old", "the", "new", "a"), ctx).content())
                .startsWith("refused:");
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("the secret\n");
    }

    @Test
    void aLinkThenDotDotResolvesAsTheKernelWould() throws Exception {
        Files.createDirectories(outside.resolve("deep"));
        Files.createSymbolicLink(root.resolve("deep-link"), outside.resolve("deep"));
        // lexically worktree/deep-link/../x stays inside; the kernel goes to outside/x
        ToolResult r = tools.call("write_file", Input.of("path", "deep-link/../x.txt", "content", "x"), ctx);
        assertThat(r.content()).startsWith("refused:");
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }

    @Test
    void aDanglingLinkCannotBeWrittenThrough() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("created-by-the-model.txt"));
        ToolResult r = tools.call("write_file", Input.of("path", "dangling", "content", "x"), ctx);
        assertThat(r).isEqualTo(ToolResult.error("'dangling' goes through a symbolic link to a missing target"));
        assertThat(outside.resolve("created-by-the-model.txt")).doesNotExist();
    }

    @Test
    void aReadableRootIsNotWritable() throws Exception {
        Path writable = Files.createDirectories(base.resolve("scratch"));
        ToolContext narrow = ctx.withWritableRoots(List.of(writable));
        Files.writeString(root.resolve("a.txt"), "a\n");
        assertThat(tools.call("read_file", Input.of("path", "a.txt"), narrow).content()).isEqualTo("a\n");
        assertThat(tools.call("write_file", Input.of("path", "a.txt", "content", "b"), narrow).content())
                .startsWith("refused: 'a.txt' is " + root.toRealPath().resolve("a.txt") + ", outside the folders this "
                        + "task may write");
        assertThat(tools.call("write_file", Input.of("path", writable + "/b.txt", "content", "b"), narrow).isError())
                .isFalse();
    }

    @Test
    void searchAndListDoNotFollowLinksOut() throws Exception {
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-link"), outside);
        assertThat(tools.call("search_files", Input.of("pattern", "secret"), ctx).content())
                .isEqualTo("no matches for /secret/ in .");
        assertThat(tools.call("list_files", Input.of(), ctx).content()).isEqualTo("dir-link@\nfile-link@");
    }
}
