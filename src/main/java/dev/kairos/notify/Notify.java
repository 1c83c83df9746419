package dev.kairos.notify;

import dev.kairos.config.NotifySettings;
import dev.kairos.config.Workspace;
import dev.kairos.effect.Courier;
import dev.kairos.policy.Approvals;
import java.net.URI;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Notifications to the user's devices, wired once: the configured notifiers (ntfy, Web Push, email) and their
 * couriers, the delivery policy every notification goes through, and the notices of new approvals with their signed
 * links.
 */
public final class Notify {
    /**
     * What notifications work with besides their settings.
     *
     * @param httpPort kairos.yaml's HTTP port: links point there until {@link #servingOn} says the port listened on
     * @param random signs approval links (a SecureRandom)
     * @param added couriers of the caller's (a test's notifier): those of kind {@code notify.NAME} count as
     *     notifiers for the delivery policy
     */
    public record Setup(Workspace workspace, Jdbi jdbi, InstantSource clock, ZoneId zone, int httpPort,
            Approvals approvals, SecureRandom random, List<Courier> added) {
        public Setup {
            added = List.copyOf(added);
        }
    }

    private final NotifySettings settings;
    private final int httpPort;
    private final Notifiers notifiers;
    private final Notifications notifications;
    private final ApprovalLinks approvalLinks;
    private final ApprovalNotices approvalNotices;
    private volatile int servingOn; // the HTTP port `kairos up` listens on, once it does

    public Notify(NotifySettings settings, Setup setup) {
        this.settings = settings;
        this.httpPort = setup.httpPort();
        this.notifiers = Notifiers.configured(settings, setup.workspace().keysDir(), setup.jdbi(), setup.clock());
        List<Courier> added = setup.added();
        this.notifications = new Notifications(setup.jdbi(), setup.clock(), setup.zone(), settings.delivery(),
                () -> Stream.concat(notifiers.names().stream(), added.stream()
                        .map(Courier::kind).filter(k -> k.startsWith(Notifiers.KIND_PREFIX))
                        .map(k -> k.substring(Notifiers.KIND_PREFIX.length()))).toList());
        this.approvalLinks = new ApprovalLinks(setup.workspace().home(), setup.random(), this::linkBase);
        this.approvalNotices = new ApprovalNotices(setup.jdbi(), setup.approvals(), notifications, approvalLinks,
                setup.clock(), setup.zone());
    }

    /** Where a device reaches this agent: KAIROS_PUBLIC_URL (a tunnel, a proxy), else loopback at the HTTP port. */
    private URI linkBase() {
        return settings.publicUrl().orElseGet(() -> URI.create("http://127.0.0.1:"
                + (servingOn > 0 ? servingOn : httpPort)));
    }

    /** `kairos up` says which port it listens on (0 in kairos.yaml picks one), for the links sent to devices. */
    public void servingOn(int port) {
        this.servingOn = port;
    }

    /** ntfy, Web Push and email, as configured: their names, couriers and the Web Push subscriptions. */
    public Notifiers notifiers() {
        return notifiers;
    }

    /** The delivery policy every notification to the user's devices goes through. */
    public Notifications notifications() {
        return notifications;
    }

    /** The signed links that let a device approve or deny (checked by the web server's approval route). */
    public ApprovalLinks approvalLinks() {
        return approvalLinks;
    }

    /** Who delivers each configured notifier's effects (kind {@code notify.NAME}). */
    public List<Courier> couriers() {
        return notifiers.couriers();
    }

    /** What the user should fix (damaged keys), for `kairos status`. */
    public List<String> problems() {
        return notifiers.problems();
    }

    /**
     * At each beat, before the outbox is delivered: new approvals go to the devices, then what the delivery policy
     * held back and may go now.
     */
    public void beforeDelivery() {
        approvalNotices.announceNew();
        notifications.release();
    }
}
