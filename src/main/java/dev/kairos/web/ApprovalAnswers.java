package dev.kairos.web;

import dev.kairos.event.Printable;
import dev.kairos.notify.ApprovalLinks;
import dev.kairos.notify.ApprovalLinks.Decision;
import dev.kairos.policy.Approval;
import dev.kairos.policy.Approvals;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /approvals/ID/approve|deny?sig=…}: the answer to an approval from a device. A phone reaches it through a
 * tunnel or a proxy, so the loopback rule does not hold here: the signature is the whole protection. GET shows a
 * page whose button POSTs (link previews and prefetchers never decide); POST decides, and the first answer wins,
 * from whichever device or `kairos approvals`. A forged, replayed or expired link, or the other decision's link once
 * one was taken, gets 403 and a log line, and nothing runs.
 */
public final class ApprovalAnswers {
    private static final Logger log = LoggerFactory.getLogger(ApprovalAnswers.class);
    static final String ROUTE = "/approvals/{id}/{decision}";
    private static final Pattern PATH = Pattern.compile("/approvals/\\d{1,18}/(approve|deny)");

    private final Approvals approvals;
    private final ApprovalLinks links;
    private final Runnable decided;

    /** @param decided runs after a decision: wakes the running agent's beat, which runs the approved call once */
    public ApprovalAnswers(Approvals approvals, ApprovalLinks links, Runnable decided) {
        this.approvals = approvals;
        this.links = links;
        this.decided = decided;
    }

    /** Whether a request path is one of these links (exempt from the loopback rule). */
    static boolean answers(String path) {
        return PATH.matcher(path).matches();
    }

    void page(Context ctx) {
        Optional<Asked> asked = check(ctx);
        if (asked.isEmpty()) return;
        Approval a = asked.get().approval();
        Decision d = asked.get().decision();
        String verb = d == Decision.APPROVE ? "Approve" : "Deny";
        respond(ctx, 200, verb + " approval " + a.id() + "?", "<p><code>" + escape(call(a)) + "</code></p><p>"
                + escape(Printable.of(a.reason())) + "</p><form method=\"post\" action=\"" + d.path() + "?sig="
                + escape(ctx.queryParam("sig")) + "\"><button type=\"submit\">" + verb + "</button></form>"
                + "<p>Expires " + a.expiresAt() + ".</p>");
    }

    void decide(Context ctx) {
        Optional<Asked> asked = check(ctx);
        if (asked.isEmpty()) return;
        Approval a = asked.get().approval();
        Decision d = asked.get().decision();
        Optional<Approvals.Decided> done = d == Decision.APPROVE ? approvals.approve(a.id()) : approvals.deny(a.id());
        if (done.isEmpty() || !done.get().changed()) {
            refuse(ctx, a.id(), d, "decided meanwhile: " + done.map(x -> x.approval().state().name()).orElse("gone"),
                    "Approval " + a.id() + " was decided meanwhile; this link does nothing now.");
            return;
        }
        log.info("approval={} {} by a signed link", a.id(), done.get().approval().state().name().toLowerCase());
        decided.run();
        respond(ctx, 200, d == Decision.APPROVE ? "Approved" : "Denied", "<p>Approval " + a.id() + " ("
                + escape(a.tool()) + ") is " + (d == Decision.APPROVE ? "approved: the call runs once, at the "
                + "agent's next beat." : "denied: the call does not run.") + "</p>");
    }

    private record Asked(Approval approval, Decision decision) {}

    /** The approval and decision this request may act on; else it answers 403 itself and says why in the log. */
    private Optional<Asked> check(Context ctx) {
        Optional<Decision> d = Decision.fromPath(ctx.pathParam("decision"));
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        Optional<Approval> a = id < 0 ? Optional.empty() : approvals.find(id);
        if (d.isEmpty() || a.isEmpty() || !links.verifies(a.get(), d.get(), ctx.queryParam("sig"))) {
            refuse(ctx, id, d.orElse(null), "bad signature", "This link is not valid.");
            return Optional.empty();
        }
        Approval approval = a.get();
        if (approval.state() != Approval.State.PENDING) {
            String state = approval.state().name().toLowerCase();
            refuse(ctx, id, d.get(), "already " + state, "Approval " + id + " was already " + state
                    + (approval.state() == Approval.State.EXPIRED ? " (unanswered, which counts as no)" : "")
                    + "; this link does nothing now.");
            return Optional.empty();
        }
        return Optional.of(new Asked(approval, d.get()));
    }

    private static void refuse(Context ctx, long id, Decision d, String why, String said) {
        log.warn("approval link refused: approval={} decision={} method={} why=\"{}\" from={}", id,
                d == null ? "?" : d.path(), ctx.method(), why, ctx.ip());
        respond(ctx, 403, "Not allowed", "<p>" + escape(said) + "</p>");
    }

    private static void respond(Context ctx, int status, String title, String body) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer"); // the page's URL holds the signature
        ctx.header("X-Robots-Tag", "noindex");
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Kairos: "
                + escape(title) + "</title></head><body style=\"font-family: sans-serif; max-width: 40em; margin: "
                + "2em auto; padding: 0 1em\"><h1>" + escape(title) + "</h1>" + body + "</body></html>");
    }

    private static String call(Approval a) {
        return a.tool() + " " + Printable.of(String.valueOf(a.input()));
    }

    private static String escape(String t) {
        return t == null ? "" : t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
