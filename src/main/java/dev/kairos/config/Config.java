package dev.kairos.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** kairos.yaml and the environment, read and validated. Sections are records; defaults live in {@link ConfigReader}. */
public record Config(Path home, ZoneId zone, Heartbeat heartbeat, Models models, Http http, Sensors sensors,
        List<Watch> watch, Budget budget, PolicyRules policy, Map<String, Price> prices, Dream dream,
        GitHubSettings github, NotifySettings notifications, ChannelSettings channels) {

    public record Heartbeat(Duration every, Duration jitter, ActiveHours activeHours, Duration logIdleEvery) {}

    /**
     * Model specs as "provider/model"; empty when none is configured (work is then queued, not run).
     *
     * @param timeout how long one model request may take before it counts as unanswered
     */
    public record Models(Optional<String> main, Optional<String> small, Duration timeout) {}

    public record Http(int port) {}

    public record Sensors(Duration debounce, Duration uncommittedAfter, Duration testTimeout, List<String> ignore) {}

    /** A folder or repository listed in kairos.yaml (others are added with `kairos watch`). */
    public record Watch(Path path, Optional<String> test) {}

    /** Limits on model use per day and month; 0 means no limit. */
    public record Budget(long dailyTokens, long monthlyTokens, double dailyUsd, double monthlyUsd) {
        public static final Budget NONE = new Budget(0, 0, 0, 0);
    }

    /** USD per million tokens, overriding the built-in list for models whose name starts with the key. */
    public record Price(double input, double output, double cacheWrite, double cacheRead) {}

    /**
     * The nightly dream: it may start in the window from {@code at} (local time) for {@code window}, or after
     * {@code idleAfter} without a journal line; at least {@code minSessions} journal days or {@code minEntries}
     * journal lines since the last dream. Journal days older than {@code retentionDays} go to archive/. A dream spends
     * at most {@code maxTokens} of a model (0: none, the dream is deterministic).
     */
    public record Dream(java.time.LocalTime at, Duration window, Duration idleAfter, int minSessions, int minEntries,
            int retentionDays, int maxTokens) {
        public static final Dream DEFAULT = new Dream(java.time.LocalTime.of(3, 0), Duration.ofHours(3),
                Duration.ofHours(8), 5, 200, 30, 20_000);
    }

    public Workspace workspace() {
        return new Workspace(home);
    }

    public Config withHeartbeatEvery(Duration every) {
        return new Config(home, zone, new Heartbeat(every, heartbeat.jitter(), heartbeat.activeHours(),
                heartbeat.logIdleEvery()), models, http, sensors, watch, budget, policy, prices, dream, github,
                notifications, channels);
    }
}
