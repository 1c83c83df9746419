package dev.kairos.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation's questions of categories 1 to 4 that have evidence, by the last session their evidence needs: after
 * a session, those whose evidence has all been said are the ones memory could answer.
 */
final class AnswerableQuestions {
    private final List<List<LocomoData.Question>> bySession = new ArrayList<>();

    AnswerableQuestions(LocomoData.Conversation c) {
        Map<String, Integer> sessionOf = new HashMap<>();
        for (int i = 0; i < c.sessions().size(); i++) {
            bySession.add(new ArrayList<>());
            for (LocomoData.Turn t : c.sessions().get(i).turns()) sessionOf.put(t.diaId(), i);
        }
        for (LocomoData.Question q : c.questions()) {
            if (q.category() < 1 || q.category() > 4 || q.evidence().isEmpty()) continue;
            int last = q.evidence().stream().mapToInt(sessionOf::get).max().orElseThrow();
            bySession.get(last).add(q);
        }
    }

    /** The questions answerable once sessions 0 to {@code session} (in date order) have been replayed. */
    List<LocomoData.Question> after(int session) {
        List<LocomoData.Question> out = new ArrayList<>();
        for (int i = 0; i <= session; i++) out.addAll(bySession.get(i));
        return out;
    }
}
