package dev.kairos.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads kairos.yaml into {@link Config}, then lets the environment override it. A missing file means defaults. */
public final class ConfigReader {
    static final Pattern MODEL_SPEC = Pattern.compile("[a-z0-9][a-z0-9_.-]*/\\S+");

    private ConfigReader() {}

    public static Config read(Path home, Map<String, String> env) {
        Path file = new Workspace(home).configFile();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (CharacterCodingException e) {
            throw new ConfigError(file + ":" + firstLineNotUtf8(file) + ": not UTF-8 (a byte that is not valid UTF-8, "
                    + "as in a file saved as Latin-1 or Windows-1252); save the file as UTF-8");
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot read: " + e.getMessage());
        }
        return read(home, file.toString(), text, env);
    }

    static Config read(Path home, String fileName, String text, Map<String, String> env) {
        Section root = Section.root(YamlDocument.parse(fileName, text));

        ZoneId zone = root.parsed("timezone", ZoneId.systemDefault(), ConfigReader::zone);

        Section hb = root.section("heartbeat");
        Config.Heartbeat heartbeat = new Config.Heartbeat(
                hb.duration("every", Duration.ofMinutes(5), Duration.ofSeconds(1)),
                hb.duration("jitter", Duration.ofSeconds(10), Duration.ZERO),
                hb.parsed("activeHours", ActiveHours.ALWAYS, ActiveHours::parse),
                hb.duration("logIdleEvery", Duration.ofHours(1), Duration.ofSeconds(1)));
        hb.finish();

        Section m = root.section("model");
        Optional<String> main = Optional.ofNullable(m.parsed("main", null, ConfigReader::modelSpec));
        Optional<String> small = Optional.ofNullable(m.parsed("small", null, ConfigReader::modelSpec));
        Duration timeout = m.duration("timeout", Duration.ofMinutes(2), Duration.ofSeconds(1));
        m.finish();

        Section h = root.section("http");
        int port = h.integer("port", 7411, 0, 65535);
        h.finish();

        Section s = root.section("sensors");
        Config.Sensors sensors = new Config.Sensors(
                s.duration("debounce", Duration.ofSeconds(2), Duration.ZERO),
                s.duration("uncommittedAfter", Duration.ofHours(4), Duration.ofMinutes(1)),
                s.duration("testTimeout", Duration.ofMinutes(10), Duration.ofSeconds(1)),
                s.strings("ignore"));
        s.finish();

        List<Config.Watch> watch = root.sections("watch").stream().map(w -> {
            String path = w.string("path", null);
            if (path == null || path.isBlank()) throw w.error("path", "every watch entry needs a path");
            Config.Watch entry = new Config.Watch(expandHome(path), Optional.ofNullable(w.string("test", null)));
            w.finish();
            return entry;
        }).toList();

        Section b = root.section("budget");
        Config.Budget budget = new Config.Budget(b.integer("dailyTokens", 0, 0, Integer.MAX_VALUE),
                b.integer("monthlyTokens", 0, 0, Integer.MAX_VALUE), b.decimal("dailyUsd", 0),
                b.decimal("monthlyUsd", 0));
        b.finish();
        Section d = root.section("dream");
        Config.Dream dd = Config.Dream.DEFAULT;
        Config.Dream dream = new Config.Dream(d.parsed("at", dd.at(), ConfigReader::timeOfDay),
                d.duration("window", dd.window(), Duration.ofMinutes(1)),
                d.duration("idleAfter", dd.idleAfter(), Duration.ofMinutes(1)),
                d.integer("minSessions", dd.minSessions(), 0, 10_000), d.integer("minEntries", dd.minEntries(), 0,
                        10_000_000), d.integer("retentionDays", dd.retentionDays(), 1, 36_500),
                d.integer("maxTokens", dd.maxTokens(), 0, Integer.MAX_VALUE));
        d.finish();
        PolicyRules policy = PolicyRules.read(root.section("policy"));
        Map<String, Config.Price> prices = prices(root.section("prices"));
        GitHubSettings github = GitHubSettings.read(root.section("github"), env);
        NotifySettings notifications = NotifySettings.read(root.section("notify"), env);
        ChannelSettings channels = ChannelSettings.read(root.section("channels"), env);
        root.finish();

        return overrideFromEnv(new Config(home, zone, heartbeat, new Config.Models(main, small, timeout),
                new Config.Http(port), sensors, watch, budget, policy, prices, dream, github, notifications, channels), env);
    }

    /** The 1-based number of the first line that does not decode as UTF-8 (1 when the file cannot be read again). */
    private static int firstLineNotUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int line = 1;
            for (int start = 0; start <= bytes.length; line++) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') end++;
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, end - start));
                } catch (CharacterCodingException bad) {
                    return line;
                }
                start = end + 1;
            }
        } catch (IOException e) {
            // the caller's message stands; the line is unknown
        }
        return 1;
    }

    private static Map<String, Config.Price> prices(Section section) {
        Map<String, Config.Price> prices = new LinkedHashMap<>();
        for (String model : section.keys()) {
            Section p = section.section(model);
            prices.put(model, new Config.Price(p.decimal("input", 0), p.decimal("output", 0),
                    p.decimal("cacheWrite", 0), p.decimal("cacheRead", 0)));
            p.finish();
        }
        return prices;
    }

    private static Config overrideFromEnv(Config c, Map<String, String> env) {
        Config.Models models = new Config.Models(
                envModel(env, "KAIROS_MODEL").or(c.models()::main),
                envModel(env, "KAIROS_SMALL_MODEL").or(c.models()::small), c.models().timeout());
        Config.Http http = c.http();
        String port = env.get("KAIROS_HTTP_PORT");
        if (port != null && !port.isBlank()) {
            if (!port.strip().matches("\\d{1,5}") || Integer.parseInt(port.strip()) > 65535) {
                throw new ConfigError("KAIROS_HTTP_PORT=" + port + ": not a port number; use 1-65535 (0 picks a free one)");
            }
            http = new Config.Http(Integer.parseInt(port.strip()));
        }
        ZoneId zone = c.zone();
        String tz = env.get("KAIROS_TIMEZONE");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = zone(tz);
            } catch (IllegalArgumentException e) {
                throw new ConfigError("KAIROS_TIMEZONE: " + e.getMessage());
            }
        }
        return new Config(c.home(), zone, c.heartbeat(), models, http, c.sensors(), c.watch(), c.budget(),
                c.policy(), c.prices(), c.dream(), c.github(), c.notifications(), c.channels());
    }

    private static Optional<String> envModel(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return Optional.empty();
        try {
            return Optional.of(modelSpec(v));
        } catch (IllegalArgumentException e) {
            throw new ConfigError(name + ": " + e.getMessage());
        }
    }

    static String modelSpec(String text) {
        String t = text.strip();
        if (!MODEL_SPEC.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not provider/model; use e.g. anthropic/claude-sonnet-4-5, "
                    + "openai/gpt-4.1-mini or ollama/llama3.2");
        }
        return t;
    }

    private static java.time.LocalTime timeOfDay(String text) {
        try {
            return java.time.LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day; use HH:MM such as 03:00");
        }
    }

    private static ZoneId zone(String text) {
        if (text.equalsIgnoreCase("system")) return ZoneId.systemDefault();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone; use an IANA name such as "
                    + "Europe/Berlin or America/New_York, or 'system'");
        }
    }

    static Path expandHome(String path) {
        String p = path.strip();
        if (p.equals("~") || p.startsWith("~/")) p = System.getProperty("user.home") + p.substring(1);
        return Path.of(p).toAbsolutePath().normalize();
    }
}
