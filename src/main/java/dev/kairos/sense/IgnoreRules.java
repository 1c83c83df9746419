package dev.kairos.sense;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Which paths in a watched folder are noise: version-control and build folders, editor droppings, the folder's
 * {@code .gitignore} files (at any depth, deeper ones winning, as git reads them), {@code .git/info/exclude} and
 * the patterns the user adds (gitignore syntax). Paths are relative to the folder, with '/' separators.
 */
final class IgnoreRules {
    static final List<String> BUILT_IN = List.of(".git", "target/", "build/", "node_modules/", ".idea/", "*.swp",
            "*~");

    private final Path root;
    private final IgnoreNode fixed;
    private final Map<String, IgnoreNode> gitignores = new ConcurrentHashMap<>();

    IgnoreRules(Path root, List<String> extra) {
        this.root = root;
        List<FastIgnoreRule> rules = new ArrayList<>();
        Stream.concat(BUILT_IN.stream(), extra.stream()).map(String::strip).filter(p -> !p.isEmpty())
                .forEach(p -> rules.add(new FastIgnoreRule(p)));
        this.fixed = new IgnoreNode(rules);
        Path exclude = root.resolve(".git/info/exclude");
        if (Files.isRegularFile(exclude)) {
            try (InputStream in = Files.newInputStream(exclude)) {
                fixed.parse(in);
            } catch (IOException e) {
                // unreadable excludes: watch a little more than git would
            }
        }
    }

    /** Whether the path, or any folder above it, is ignored. */
    boolean ignored(String rel, boolean directory) {
        for (int slash = rel.indexOf('/'); slash >= 0; slash = rel.indexOf('/', slash + 1)) {
            if (matches(rel.substring(0, slash), true)) return true;
        }
        return matches(rel, directory);
    }

    /** Whether the path itself is ignored, the folders above it having been checked already (as in a tree walk). */
    boolean matches(String rel, boolean directory) {
        if (Boolean.TRUE.equals(fixed.checkIgnored(rel, directory))) return true;
        Boolean decision = null;
        int slash = -1;
        do {
            Boolean here = gitignore(slash < 0 ? "" : rel.substring(0, slash))
                    .checkIgnored(rel.substring(slash + 1), directory);
            if (here != null) decision = here;
            slash = rel.indexOf('/', slash + 1);
        } while (slash >= 0);
        return Boolean.TRUE.equals(decision);
    }

    /** A .gitignore changed: read them again when next needed. */
    void reload() {
        gitignores.clear();
    }

    private IgnoreNode gitignore(String dir) {
        return gitignores.computeIfAbsent(dir, d -> {
            IgnoreNode node = new IgnoreNode();
            Path file = root.resolve(d).resolve(".gitignore");
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    node.parse(in);
                } catch (IOException e) {
                    // unreadable: watch a little more than git would
                }
            }
            return node;
        });
    }
}
