package dev.kairos.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.event.Printable;
import dev.kairos.event.Secrets;
import dev.kairos.policy.Approval;
import dev.kairos.policy.Approvals;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends each new approval to the user's devices, once: an urgent notification with Approve and Deny buttons, each a
 * signed one-time link. Runs at each beat, so an approval a chat or a task asked for (in whichever process) goes out
 * at the next beat; the mark and the outbox effects commit together, so a restart never sends it twice.
 */
final class ApprovalNotices {
    static final int MAX_CALL = 600;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final Jdbi jdbi;
    private final Approvals approvals;
    private final Notifications notifications;
    private final ApprovalLinks links;
    private final InstantSource clock;
    private final ZoneId zone;

    ApprovalNotices(Jdbi jdbi, Approvals approvals, Notifications notifications, ApprovalLinks links,
            InstantSource clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.approvals = approvals;
        this.notifications = notifications;
        this.links = links;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Sends the approvals still waiting that were never sent; returns how many went. With no notifier configured
     * none is marked, so they go out once one is.
     */
    public int announceNew() {
        if (!notifications.canReach()) return 0;
        int sent = 0;
        for (Approval a : approvals.unannounced()) {
            Notification n = notification(a);
            Instant now = clock.instant();
            boolean marked = jdbi.inTransaction(h -> {
                if (!Approvals.announce(h, a.id(), now)) return false;
                notifications.send(h, n, "approval-" + a.id(), now);
                return true;
            });
            if (marked) sent++;
        }
        return sent;
    }

    /** Urgent, with an Approve and a Deny link (POST); without a usable key, it says how to answer at the machine. */
    Notification notification(Approval a) {
        Optional<URI> approve = links.link(a, ApprovalLinks.Decision.APPROVE);
        Optional<URI> deny = links.link(a, ApprovalLinks.Decision.DENY);
        List<Notification.Action> actions = new ArrayList<>();
        approve.ifPresent(u -> actions.add(new Notification.Action("Approve", u, "POST")));
        deny.ifPresent(u -> actions.add(new Notification.Action("Deny", u, "POST")));
        String answer = actions.isEmpty() ? "\nAnswer with 'kairos approvals approve " + a.id()
                + "' or 'kairos approvals deny " + a.id() + "'." : "";
        String message = call(a) + "\n" + Printable.of(Secrets.redact(a.reason())) + "\nExpires "
                + WHEN.format(a.expiresAt().atZone(zone)) + answer;
        return new Notification("Approval " + a.id() + ": " + a.tool() + (a.taskId() == null ? " (chat)"
                : " (task " + a.taskId() + ")"), message, Notification.Priority.URGENT, actions, Optional.empty(),
                List.of("approval"));
    }

    /** The call as a person reads it: a lone text argument (a command, a path) as itself, else the JSON. */
    private static String call(Approval a) {
        JsonNode in = a.input();
        String text = in.size() == 1 && in.elements().next().isTextual() ? in.elements().next().asText()
                : in.toString();
        text = Printable.of(Secrets.redact(text)); // a push service is a third party
        return text.length() <= MAX_CALL ? text : text.substring(0, MAX_CALL - 1) + "…";
    }
}
