package dev.kairos.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every child: no credentials, none of Kairos's own settings, nothing that steers git from outside,
 * no terminal to prompt on and no input to wait for.
 */
class ChildProcessesSeeNoSecretsTest {
    @TempDir Path tmp;

    private ProcessRunner runnerWith(Map<String, String> planted) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(planted);
        return new ProcessRunner(tmp.resolve("records"), env);
    }

    @Test
    void secretsKairosSettingsAndGitVariablesAreNotPassedOn() {
        ProcessRunner runner = runnerWith(Map.of("ANTHROPIC_API_KEY", "sk-ant-x", "OPENAI_API_KEY", "sk-x",
                "GITHUB_TOKEN", "ghp_x", "GITHUB_WEBHOOK_SECRET", "s", "DB_PASSWORD", "p", "KAIROS_HOME", "/k",
                "KAIROS_NTFY_URL", "http://n", "GIT_DIR", "/elsewhere/.git", "GIT_SSH_COMMAND", "evil",
                "PLAIN_SETTING", "kept"));

        Result r = runner.run(Command.in(tmp, "env").withEnv("OWN", "given"));

        Map<String, String> seen = new HashMap<>();
        r.text().lines().map(l -> l.split("=", 2)).filter(kv -> kv.length == 2).forEach(kv -> seen.put(kv[0], kv[1]));
        assertThat(seen).doesNotContainKeys("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GITHUB_TOKEN",
                "GITHUB_WEBHOOK_SECRET", "DB_PASSWORD", "KAIROS_HOME", "KAIROS_NTFY_URL", "GIT_DIR", "GIT_SSH_COMMAND");
        assertThat(seen).containsEntry("PLAIN_SETTING", "kept").containsEntry("OWN", "given")
                .containsEntry("TERM", "dumb").containsEntry("GIT_TERMINAL_PROMPT", "0").containsKey("PATH");
    }

    @Test
    void aCommandThatReadsInputGetsEndOfFile() {
        Result r = runnerWith(Map.of()).run(Command.in(tmp, "bash", "-c", "cat; echo read-nothing"));

        assertThat(r.ok()).isTrue();
        assertThat(r.text()).isEqualTo("read-nothing\n");
    }

    @Test
    void aMissingProgramOrFolderIsSaidInOneLine() {
        ProcessRunner runner = runnerWith(Map.of());

        Result missing = runner.run(Command.in(tmp, "no-such-program-kairos"));
        Result nowhere = runner.run(Command.in(tmp.resolve("gone"), "true"));

        assertThat(missing.ending()).isEqualTo(Result.Ending.NOT_STARTED);
        assertThat(missing.text()).isEqualTo("cannot run no-such-program-kairos: not found on the PATH");
        assertThat(nowhere.ending()).isEqualTo(Result.Ending.NOT_STARTED);
        assertThat(nowhere.text()).isEqualTo("cannot run true: no folder " + tmp.resolve("gone"));
    }
}
