package dev.kairos.agent;

import dev.kairos.event.Trust;
import dev.kairos.event.Untrusted;
import dev.kairos.model.Tokens;

/**
 * The change whose test run failed, for a fix's message: the commit's subject and diff, as {@code git show} prints
 * them, whole lines within a token budget. A careful developer looks there first; given it, the model need not spend
 * a step finding the code the change touched. A change from someone else (an untrusted event) is fenced.
 */
final class FailingChange {
    private FailingChange() {}

    static String section(String shown, String commit, int budget, Trust trust) {
        String head = "The change whose test run failed:\n";
        String cut = "… (cut here; `git show " + commit + "` prints the whole change)\n";
        int room = budget - Tokens.count(head) - Tokens.count(cut);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        boolean whole = true;
        for (String line : shown.strip().split("\n", -1)) {
            int cost = Tokens.count(line + "\n");
            if (used + cost > room) {
                whole = false;
                break;
            }
            kept.append(line).append('\n');
            used += cost;
        }
        if (kept.isEmpty()) return "";
        String body = kept + (whole ? "" : cut);
        return head + (trust == Trust.TRUSTED ? body : Untrusted.fence("\n" + body) + "\n");
    }
}
