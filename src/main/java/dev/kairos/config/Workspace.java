package dev.kairos.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The layout of KAIROS_HOME (DESIGN.md section 4) and {@link #init()}, which creates it without overwriting. */
public record Workspace(Path home) {

    /** KAIROS_HOME, else ~/.kairos. */
    public static Path resolveHome(Map<String, String> env) {
        String h = env.get("KAIROS_HOME");
        if (h != null && !h.isBlank()) return ConfigReader.expandHome(h);
        return Path.of(System.getProperty("user.home"), ".kairos");
    }

    public Path configFile() {
        return home.resolve("kairos.yaml");
    }

    public Path agentsFile() {
        return home.resolve("AGENTS.md");
    }

    public Path heartbeatFile() {
        return home.resolve("HEARTBEAT.md");
    }

    public Path memoryDir() {
        return home.resolve("memory");
    }

    public Path stateDb() {
        return home.resolve("state.db");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    /** Keys Kairos makes for itself (Web Push's VAPID pair): the owner's only, never overwritten, never printed. */
    public Path keysDir() {
        return home.resolve("keys");
    }

    public Path worktreesDir() {
        return home.resolve("worktrees");
    }

    /** Records of the processes the agent has running, so a start after a crash can kill what was left. */
    public Path processesDir() {
        return home.resolve("processes");
    }

    public boolean initialised() {
        return Files.exists(configFile()) && Files.isDirectory(memoryDir().resolve(".git"));
    }

    /** Creates whatever is missing; returns the paths it created. Never overwrites a file. */
    public List<Path> init() {
        List<Path> created = new ArrayList<>();
        try {
            for (Path dir : List.of(home, logsDir(), memoryDir(), memoryDir().resolve("topics"),
                    memoryDir().resolve("journal"), memoryDir().resolve("archive"))) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    created.add(dir);
                }
            }
            copyTemplate("kairos.yaml", configFile(), created);
            copyTemplate("AGENTS.md", agentsFile(), created);
            copyTemplate("HEARTBEAT.md", heartbeatFile(), created);
            copyTemplate("MEMORY.md", memoryDir().resolve("MEMORY.md"), created);
            for (String dir : List.of("topics", "journal", "archive")) {
                Path keep = memoryDir().resolve(dir).resolve(".gitkeep");
                if (!Files.exists(keep)) Files.createFile(keep);
            }
            if (!Files.isDirectory(memoryDir().resolve(".git"))) {
                MemoryRepository.init(memoryDir());
                created.add(memoryDir().resolve(".git"));
            }
            return created;
        } catch (IOException e) {
            throw new ConfigError("cannot create the workspace at " + home + ": " + e.getMessage()
                    + "; check the permissions or set KAIROS_HOME to a writable folder", e);
        }
    }

    private static void copyTemplate(String name, Path target, List<Path> created) throws IOException {
        if (Files.exists(target)) return;
        try (InputStream in = Workspace.class.getResourceAsStream("/workspace/" + name)) {
            if (in == null) throw new IllegalStateException("template missing from the jar: " + name);
            Files.write(target, in.readAllBytes(), java.nio.file.StandardOpenOption.CREATE_NEW);
            created.add(target);
        } catch (FileAlreadyExistsException e) {
            // someone wrote it between our check and our write: theirs wins
        }
    }

    /** For messages: the path with the user's home shown as ~. */
    public static String pretty(Path p) {
        String home = System.getProperty("user.home");
        String s = p.toString();
        return home != null && s.startsWith(home + "/") ? "~" + s.substring(home.length()) : s;
    }

}
