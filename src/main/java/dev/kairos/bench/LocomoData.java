package dev.kairos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LoCoMo file, read as a replay needs it: sessions with their date and turns, and questions with their
 * evidence ids. The {@code observation}, {@code session_summary} and {@code event_summary} fields are never read:
 * they are someone else's consolidation of the conversation.
 */
record LocomoData(List<Conversation> conversations) {
    record Turn(String speaker, String diaId, String text) {}

    record Session(int number, LocalDateTime at, List<Turn> turns) {}

    /** {@code evidence} holds only ids that parse and name a turn of the conversation. */
    record Question(String text, int category, List<String> evidence, int droppedEvidence) {}

    record Conversation(String id, List<Session> sessions, List<Question> questions) {
        Set<String> turnIds() {
            Set<String> ids = new LinkedHashSet<>();
            sessions.forEach(s -> s.turns().forEach(t -> ids.add(t.diaId())));
            return ids;
        }
    }

    private static final Pattern SESSION = Pattern.compile("session_(\\d+)");
    /** Lenient: "D8:6", "D:11:26", and several in one string ("D8:6; D9:17"). */
    private static final Pattern DIA_ID = Pattern.compile("D\\s*:?\\s*(\\d+)\\s*:\\s*(\\d+)");
    private static final DateTimeFormatter WHEN = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy")
            .toFormatter(Locale.ENGLISH);

    static LocomoData read(Path file) {
        JsonNode root;
        try {
            root = dev.kairos.json.Json.MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no LoCoMo file at " + file + " (pass --data path/to/locomo.json)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the LoCoMo file " + file + ": " + e.getMessage(), e);
        }
        if (!root.isArray()) throw new IllegalArgumentException(file + " is not a LoCoMo file: expected a JSON list");
        List<Conversation> out = new ArrayList<>();
        int n = 0;
        for (JsonNode c : root) out.add(conversation(c, n++));
        return new LocomoData(out);
    }

    private static Conversation conversation(JsonNode c, int n) {
        JsonNode conv = c.path("conversation");
        List<Session> sessions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : conv.properties()) {
            Matcher m = SESSION.matcher(f.getKey());
            if (!m.matches() || !f.getValue().isArray() || f.getValue().isEmpty()) continue;
            int number = Integer.parseInt(m.group(1));
            LocalDateTime at = when(conv.path(f.getKey() + "_date_time").asText(""));
            List<Turn> turns = new ArrayList<>();
            for (JsonNode t : f.getValue()) {
                String text = t.path("text").asText("");
                String caption = t.path("blip_caption").asText("");
                if (!caption.isBlank()) text = (text + " [shares an image: " + caption.strip() + "]").strip();
                turns.add(new Turn(t.path("speaker").asText("?"), t.path("dia_id").asText(""), text));
            }
            sessions.add(new Session(number, at, turns));
        }
        sessions.sort(Comparator.comparing(Session::at).thenComparingInt(Session::number));
        Conversation partial = new Conversation(c.path("sample_id").asText("conversation-" + n), sessions, List.of());
        Set<String> ids = partial.turnIds();
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : c.path("qa")) {
            List<String> evidence = new ArrayList<>();
            int dropped = 0;
            for (JsonNode e : q.path("evidence")) {
                Matcher m = DIA_ID.matcher(e.asText(""));
                boolean any = false;
                while (m.find()) {
                    String id = "D" + m.group(1) + ":" + m.group(2);
                    any = true;
                    if (ids.contains(id) && !evidence.contains(id)) evidence.add(id);
                    else if (!ids.contains(id)) dropped++;
                }
                if (!any) dropped++;
            }
            questions.add(new Question(q.path("question").asText(""), q.path("category").asInt(0), evidence, dropped));
        }
        return new Conversation(partial.id(), sessions, questions);
    }

    private static LocalDateTime when(String text) {
        try {
            return LocalDateTime.parse(text.strip(), WHEN);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable session date \"" + text + "\" (expected like \"1:56 pm on 8 May, 2023\")");
        }
    }
}
