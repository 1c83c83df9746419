package dev.kairos.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One LoCoMo conversation spread over the benchmark's days: the evening before day 1 and each evening after, the
 * next session is said (and heard by Kairos); each day the user asks one question about an earlier day (the
 * newest one whose evidence has all been said by then, not asked before) and asks Kairos to remember one thing
 * said the evening before.
 */
final class LocomoDays {
    private static final int MAX_FACT_CHARS = 220;

    private final LocomoData.Conversation conversation;
    private final AnswerableQuestions questions;
    private final Set<LocomoData.Question> asked = new HashSet<>();

    LocomoDays(LocomoData.Conversation conversation) {
        this.conversation = conversation;
        this.questions = new AnswerableQuestions(conversation);
    }

    String id() {
        return conversation.id();
    }

    int sessions() {
        return conversation.sessions().size();
    }

    /** The session said on the evening of day {@code day} (0: the evening before the first day), if any is left. */
    Optional<LocomoData.Session> evening(int day) {
        return day < sessions() ? Optional.of(conversation.sessions().get(day)) : Optional.empty();
    }

    /** On day {@code day} (from 1): a question answerable from what was said before that day, newest first. */
    Optional<String> question(int day) {
        int last = Math.min(day, sessions()) - 1;
        if (last < 0) return Optional.empty();
        List<LocomoData.Question> known = questions.after(last);
        for (int i = known.size() - 1; i >= 0; i--) {
            LocomoData.Question q = known.get(i);
            if (asked.add(q)) return Optional.of(q.text());
        }
        return Optional.empty();
    }

    /** On day {@code day} (from 1): the longest thing said the evening before, as a fact to remember. */
    Optional<String> fact(int day) {
        return evening(day - 1).flatMap(s -> s.turns().stream()
                .filter(t -> !t.text().isBlank())
                .max(java.util.Comparator.comparingInt((LocomoData.Turn t) -> t.text().length())))
                .map(t -> t.speaker() + " said: " + firstSentences(t.text()));
    }

    private static String firstSentences(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= MAX_FACT_CHARS) return t;
        int cut = t.lastIndexOf(". ", MAX_FACT_CHARS);
        return cut > 40 ? t.substring(0, cut + 1) : t.substring(0, MAX_FACT_CHARS) + "…";
    }
}
