package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import dev.kairos.config.GitHubSettings.Repo;
import dev.kairos.sense.Watches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The repositories Kairos follows on GitHub: kairos.yaml's {@code github.repos}, then those added with
 * {@code kairos github subscribe} (table github_subscriptions). The normaliser and the poller ask {@link #followed()}.
 */
public final class Subscriptions implements AutoCloseable {
    /** Where a followed repository comes from. */
    public enum From { CONFIG, SUBSCRIBED }

    public record Followed(String repo, Optional<Path> checkout, From from) {}

    /** What {@link #subscribe} did. */
    public enum Outcome { ADDED, CHECKOUT_CHANGED, ALREADY, IN_CONFIG }

    private final KeptConnection db; // asked at every delivery
    private final List<Repo> configured;

    public Subscriptions(Jdbi jdbi, List<Repo> configured) {
        this.db = new KeptConnection(jdbi);
        this.configured = List.copyOf(configured);
    }

    /**
     * Follows OWNER/REPO, with the folder where the user keeps a checkout of it (stored as its real path). Again
     * with another checkout: the checkout changes; again without one: nothing changes.
     *
     * @throws IllegalArgumentException saying what to give instead: a name that is not OWNER/REPO, a checkout that
     *     is not a folder with a git working tree
     */
    public Outcome subscribe(String ownerRepo, Optional<Path> checkout, Instant at) {
        String repo = GitHubSettings.repoName(ownerRepo);
        Optional<Path> real = checkout.map(Subscriptions::checkoutFolder);
        if (configured.stream().anyMatch(r -> r.name().equalsIgnoreCase(repo))) return Outcome.IN_CONFIG;
        Optional<Followed> before = subscribed().stream().filter(f -> f.repo().equalsIgnoreCase(repo)).findFirst();
        if (before.isPresent() && (real.isEmpty() || real.equals(before.get().checkout()))) return Outcome.ALREADY;
        db.with(h -> h.createUpdate("""
                INSERT INTO github_subscriptions (repo, checkout, added_at) VALUES (:repo, :checkout, :at)
                ON CONFLICT (repo) DO UPDATE SET checkout = excluded.checkout""")
                .bind("repo", repo).bind("checkout", real.map(Path::toString).orElse(null))
                .bind("at", at.toEpochMilli()).execute());
        return before.isPresent() ? Outcome.CHECKOUT_CHANGED : Outcome.ADDED;
    }

    /**
     * Stops following a subscribed repository; false when it was not subscribed.
     *
     * @throws IllegalArgumentException for a name that is not OWNER/REPO, or one followed from kairos.yaml
     */
    public boolean unsubscribe(String ownerRepo) {
        String repo = GitHubSettings.repoName(ownerRepo);
        if (configured.stream().anyMatch(r -> r.name().equalsIgnoreCase(repo))) {
            throw new IllegalArgumentException(repo + " is followed from kairos.yaml (github.repos): remove it there");
        }
        return db.with(h -> h.createUpdate("DELETE FROM github_subscriptions WHERE repo = :repo")
                .bind("repo", repo).execute()) > 0;
    }

    /** Every followed repository: kairos.yaml's first, then the subscribed ones by name. */
    public List<Followed> list() {
        List<Followed> all = new ArrayList<>();
        for (Repo r : configured) all.add(new Followed(r.name(), r.checkout(), From.CONFIG));
        for (Followed s : subscribed()) {
            if (all.stream().noneMatch(f -> f.repo().equalsIgnoreCase(s.repo()))) all.add(s);
        }
        return List.copyOf(all);
    }

    /**
     * The settings of followed repository {@code ownerRepo}: kairos.yaml's entry as written, a subscribed one with
     * the defaults and its checkout; empty when it is not followed.
     */
    public Optional<Repo> settings(String ownerRepo) {
        for (Repo r : configured) {
            if (r.name().equalsIgnoreCase(ownerRepo)) return Optional.of(r);
        }
        return subscribed().stream().filter(f -> f.repo().equalsIgnoreCase(ownerRepo)).findFirst()
                .map(f -> new Repo(f.repo(), f.checkout()));
    }

    /** The followed repositories as the normaliser and the poller take them. */
    public List<Repo> followed() {
        return list().stream().map(f -> new Repo(f.repo(), f.checkout())).toList();
    }

    private List<Followed> subscribed() {
        return db.with(h -> h.createQuery("SELECT repo, checkout FROM github_subscriptions ORDER BY repo")
                .map((rs, ctx) -> new Followed(rs.getString("repo"),
                        Optional.ofNullable(rs.getString("checkout")).map(Path::of), From.SUBSCRIBED))
                .list());
    }

    @Override
    public void close() {
        db.close();
    }

    private static Path checkoutFolder(Path path) {
        Path real;
        try {
            real = path.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("--path " + path + ": no such folder; give the folder you cloned the "
                    + "repository into");
        }
        if (!Files.isDirectory(real) || !Watches.isGitRepo(real)) {
            throw new IllegalArgumentException("--path " + path + ": not a git checkout (no .git in it); give the "
                    + "top folder of your clone of the repository");
        }
        return real;
    }
}
