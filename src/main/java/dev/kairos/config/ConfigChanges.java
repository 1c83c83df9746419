package dev.kairos.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that kairos.yaml changed on disk (its modification time, size or file) and reads it again for the running
 * agent. Only a file that parses is taken; one that does not changes nothing, and the log says both.
 */
public final class ConfigChanges {
    private static final Logger log = LoggerFactory.getLogger(ConfigChanges.class);

    private final Path home;
    private final Map<String, String> env;
    private Stamp seen;

    /** Watches the kairos.yaml of {@code home} as it is now (the configuration in use was read from it). */
    public ConfigChanges(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
        this.seen = Stamp.of(new Workspace(home).configFile());
    }

    /** When the file changed since the last look: hands the new configuration to {@code use} if it parses. */
    public void check(Consumer<Config> use) {
        Stamp now = Stamp.of(new Workspace(home).configFile());
        if (now.equals(seen)) return;
        seen = now;
        Config changed;
        try {
            changed = ConfigReader.read(home, env);
        } catch (ConfigError e) {
            log.warn("kairos.yaml changed but cannot be used: {}; keeping the previous configuration",
                    e.getMessage().replace('\n', ' '));
            return;
        }
        use.accept(changed);
        log.info("kairos.yaml changed: reloaded (policy rules: {})", changed.policy().rules().size());
    }

    /** What tells one version of the file from another without reading it. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (NoSuchFileException e) {
                return new Stamp(null, -1, null);
            } catch (IOException e) {
                return new Stamp(null, -2, Objects.toString(e.getMessage()));
            }
        }
    }
}
