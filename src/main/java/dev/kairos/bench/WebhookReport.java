package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * `kairos bench webhook`: how the deliveries were answered and how long the server took for each (ms, measured
 * inside it). {@code storedLater} counts events stored after the first round: a change delivered again must store
 * nothing, so it is 0.
 */
public record WebhookReport(int examples, int repeat, List<String> repos, int deliveries, int stored, int storedLater,
        int duplicates, int ignored, int refused, int timed, double p50Ms, double p99Ms, double maxMs) {

    /** The answers, tallied as they come. */
    static final class Counts {
        int deliveries;
        int stored;
        int storedLater;
        int duplicates;
        int ignored;
        int refused;

        synchronized void add(int round, int status, String body) {
            deliveries++;
            if (status == 202 && body.startsWith("stored as event")) {
                stored++;
                if (round > 1) storedLater++;
            } else if (status == 202 && body.startsWith("ignored")) {
                ignored++;
            } else if (status == 200) {
                duplicates++; // a change already in the inbox (or a ping)
            } else {
                refused++;
            }
        }
    }

    static WebhookReport of(int examples, int repeat, List<String> repos, Counts c, List<Long> nanos) {
        List<Double> ms = new ArrayList<>();
        synchronized (nanos) {
            for (long n : nanos) ms.add(n / 1e6);
        }
        Collections.sort(ms);
        return new WebhookReport(examples, repeat, List.copyOf(repos), c.deliveries, c.stored, c.storedLater,
                c.duplicates, c.ignored, c.refused, ms.size(), Tally.percentile(ms, 0.50), Tally.percentile(ms, 0.99),
                ms.isEmpty() ? 0 : ms.getLast());
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("examples", examples);
        o.put("repeat", repeat);
        repos.forEach(o.putArray("repos")::add);
        o.put("deliveries", deliveries);
        o.put("stored", stored);
        o.put("storedLater", storedLater);
        o.put("duplicates", duplicates);
        o.put("ignored", ignored);
        o.put("refused", refused);
        o.put("timed", timed);
        o.put("p50Ms", Tally.round(p50Ms, 3));
        o.put("p99Ms", Tally.round(p99Ms, 3));
        o.put("maxMs", Tally.round(maxMs, 3));
        return o;
    }

    public String toTable() {
        return String.format(Locale.ROOT, """
                %d example deliveries x %d = %d posts (new delivery ids each time), following %d repositories
                answered: %d stored as events, %d changes already in the inbox, %d ignored, %d refused
                handling time inside the server: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d timed)
                """, examples, repeat, deliveries, repos.size(), stored, duplicates, ignored, refused, p50Ms, p99Ms,
                maxMs, timed);
    }
}
