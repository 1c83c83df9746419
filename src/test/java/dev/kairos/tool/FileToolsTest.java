package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
    @TempDir Path root;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    ToolContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        ctx = ToolContext.at(root, SettableClock.at("2026-11-25T10:00:00Z"));
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("src/main/App.java"), "class App {\n    int answer = 41;\n}\n");
        Files.writeString(root.resolve("notes.txt"), "alpha\nbeta\nalpha\n");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "alpha in git\n");
    }

    @Test
    void readFileReturnsTheContent() {
        ToolResult r = tools.call("read_file", Input.of("path", "src/main/App.java"), ctx);
        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("class App {\n    int answer = 41;\n}\n");
    }

    @Test
    void readFileOfAMissingFileSaysSo() {
        ToolResult r = tools.call("read_file", Input.of("path", "src/Nope.java"), ctx);
        assertThat(r).isEqualTo(ToolResult.error("no such file: src/Nope.java"));
        assertThat(tools.call("read_file", Input.of("path", "src"), ctx).content())
                .isEqualTo("src is a folder; use list_files");
    }

    @Test
    void readFileWithoutPathIsAnErrorResultNotAnException() {
        ToolResult r = tools.call("read_file", Input.of(), ctx);
        assertThat(r).isEqualTo(ToolResult.error("read_file: missing input 'path'"));
        assertThat(tools.call("read_file", Input.of("path", 3), ctx).content())
                .isEqualTo("read_file: input 'path' must be a text");
    }

    @Test
    void writeFileCreatesFoldersAndReplaces() throws Exception {
        ToolResult created = tools.call("write_file", Input.of("path", "docs/new/README.md", "content", "one\ntwo\n"), ctx);
        assertThat(created).isEqualTo(ToolResult.ok("created docs/new/README.md (2 lines)"));
        ToolResult replaced = tools.call("write_file", Input.of("path", "docs/new/README.md", "content", "three\n"), ctx);
        assertThat(replaced).isEqualTo(ToolResult.ok("replaced docs/new/README.md (1 lines)"));
        assertThat(Files.readString(root.resolve("docs/new/README.md"))).isEqualTo("three\n");
    }

    @Test
    void editFileReplacesTheOneOccurrenceAndReturnsAUnifiedDiff() throws Exception {
        ToolResult r = tools.call("edit_file",
                Input.of("path", "src/main/App.java", "old", "int answer = 41;", "new", "int answer = 42;"), ctx);
        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo("""
                --- a/src/main/App.java
                +++ b/src/main/App.java
                @@ -1,3 +1,3 @@
                 class App {
                -    int answer = 41;
                +    int answer = 42;
                 }
                """);
        assertThat(Files.readString(root.resolve("src/main/App.java"))).contains("int answer = 42;");
    }

    @Test
    void editFileFailsClearlyWhenOldIsAbsent() throws Exception {
        ToolResult r = tools.call("edit_file", Input.of("path", "notes.txt", "old", "gamma", "new", "delta"), ctx);
        assertThat(r).isEqualTo(ToolResult.error("the old text is not in notes.txt; read the file and copy the text "
                + "exactly, including whitespace and line breaks"));
        assertThat(Files.readString(root.resolve("notes.txt"))).isEqualTo("alpha\nbeta\nalpha\n");
    }

    @Test
    void editFileFailsClearlyWhenOldIsAmbiguous() throws Exception {
        ToolResult r = tools.call("edit_file", Input.of("path", "notes.txt", "old", "alpha", "new", "delta"), ctx);
        assertThat(r).isEqualTo(ToolResult.error("the old text occurs 2 times in notes.txt (lines 1, 3); include "
                + "more of the surrounding lines so it occurs once"));
        assertThat(Files.readString(root.resolve("notes.txt"))).isEqualTo("alpha\nbeta\nalpha\n");
        assertThat(tools.call("edit_file", Input.of("path", "gone.txt", "old", "a", "new", "b"), ctx))
                .isEqualTo(ToolResult.error("no such file: gone.txt"));
    }

    @Test
    void listFilesShowsTheTreeWithoutGit() {
        ToolResult r = tools.call("list_files", Input.of(), ctx);
        assertThat(r.content()).isEqualTo("notes.txt\nsrc/\nsrc/main/");
        assertThat(tools.call("list_files", Input.of("path", "src", "depth", 3), ctx).content())
                .isEqualTo("main/\nmain/App.java");
        assertThat(tools.call("list_files", Input.of("path", "nope"), ctx).content()).isEqualTo("no such folder: nope");
    }

    @Test
    void searchFilesFindsLinesButNotInGit() {
        ToolResult r = tools.call("search_files", Input.of("pattern", "alp+ha"), ctx);
        assertThat(r.content()).isEqualTo("notes.txt:1: alpha\nnotes.txt:3: alpha");
        assertThat(tools.call("search_files", Input.of("pattern", "answer", "glob", "*.java"), ctx).content())
                .isEqualTo("src/main/App.java:2: int answer = 41;");
        assertThat(tools.call("search_files", Input.of("pattern", "zeta"), ctx).content())
                .isEqualTo("no matches for /zeta/ in .");
        assertThat(tools.call("search_files", Input.of("pattern", "("), ctx).content())
                .startsWith("not a regular expression: Unclosed group");
    }
}
