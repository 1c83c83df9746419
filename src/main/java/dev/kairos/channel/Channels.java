package dev.kairos.channel;

import dev.kairos.agent.Conversations;
import dev.kairos.config.ChannelSettings;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.effect.Outcome;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.Tasks;
import dev.kairos.memory.Journal;
import dev.kairos.sense.Sensor;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured channels, as the rest of Kairos sees them: their receivers (sensors), their couriers, and the
 * thread of each message task ({@link Conversations}). What a courier delivered joins its chat's window and the
 * journal; a reply only decided on does not.
 */
public final class Channels implements Conversations {
    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    /**
     * What the channels work with besides their settings.
     *
     * @param http makes the HTTP client, on first use
     * @param random draws pairing codes (a SecureRandom)
     */
    public record Setup(Jdbi jdbi, InstantSource clock, Path home, Supplier<HttpClient> http, RandomGenerator random,
            Outbox outbox, Tasks tasks, Journal journal) {
        /** With an HTTP client that gives up connecting after 10 seconds, and pairing codes from a SecureRandom. */
        public Setup(Jdbi jdbi, InstantSource clock, Path home, Outbox outbox, Tasks tasks, Journal journal) {
            this(jdbi, clock, home, () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                    new SecureRandom(), outbox, tasks, journal);
        }
    }

    /** In the outbox key of each part of a thread the agent started ({@code message_user}). */
    static final String STARTED = ":message:";
    private final List<Channel> channels;
    private final Setup setup;
    private final ChatLog chats;
    private final Optional<Channel> preferred;

    Channels(List<Channel> channels, Setup setup, Optional<String> preferred) {
        this.channels = List.copyOf(channels);
        this.setup = setup;
        this.chats = new ChatLog(setup.jdbi());
        this.preferred = preferred.isPresent()
                ? this.channels.stream().filter(c -> c.name().equals(preferred.get())).findFirst()
                : this.channels.stream().findFirst();
    }

    /** Telegram when its token is set, email when its mailbox is; none otherwise. */
    public static Channels configured(ChannelSettings settings, Setup setup) {
        List<Channel> on = new ArrayList<>();
        settings.telegramToken().ifPresent(token -> on.add(new Telegram(setup.http(), settings.telegramApi(), token,
                setup.jdbi(), setup.clock(), setup.random(), setup.home().resolve("attachments").resolve("telegram"))));
        settings.email().ifPresent(mailbox -> on.add(new Email(mailbox, setup.jdbi(), setup.clock(),
                setup.home().resolve("attachments").resolve("email"))));
        return new Channels(on, setup, settings.preferred());
    }

    @Override
    public boolean canStart() {
        return preferred.isPresent();
    }

    /** A new thread on the preferred channel, recorded in the outbox under {@code key}: sent once. */
    @Override
    public String start(String text, String key) {
        Channel c = preferred.orElseThrow(() -> new IllegalStateException("no channel to message the user on"));
        String chat = c.startsIn(key).orElseThrow(() -> new IllegalStateException("the user has no " + c.name()
                + " thread to write to yet" + (c.name().equals(Telegram.NAME) ? " (pair a chat: kairos pair)" : "")));
        List<String> parts = Parts.of(text, c.maxLength());
        setup.jdbi().useTransaction(h -> {
            String previous = null;
            for (int i = 0; i < parts.size(); i++) {
                String partKey = c.name() + STARTED + key + ":" + (i + 1);
                Outgoing part = new Outgoing(c.name(), chat, Optional.empty(), Optional.empty(), parts.get(i),
                        Optional.ofNullable(previous));
                Outbox.record(h, part.draft(partKey), setup.clock().instant());
                previous = partKey;
            }
        });
        return "on " + c.name();
    }

    @Override
    public Optional<java.time.Instant> lastStarted() {
        return setup.jdbi().withHandle(h -> h.createQuery("""
                SELECT created_at FROM outbox WHERE idempotency_key LIKE :started
                ORDER BY created_at DESC LIMIT 1""")
                .bind("started", "%" + STARTED + "%").mapTo(Long.class).findOne())
                .map(java.time.Instant::ofEpochMilli);
    }

    @Override
    public boolean started(String key) {
        return preferred.map(c -> setup.outbox().find(c.name() + STARTED + key + ":1").isPresent()).orElse(false);
    }

    /**
     * The thread a message task answers in: a channel's chat, else one of {@code others} (a GitHub issue or pull
     * request); a thread the agent starts ({@code message_user}) goes to the preferred channel.
     */
    public Conversations orElse(Conversations others) {
        return new Threads(this, others);
    }

    public List<Sensor> receivers() {
        return channels.stream().map(Channel::receiver).toList();
    }

    /** Each channel's courier; what it delivers is kept in its chat's window and the journal. */
    public List<Courier> couriers() {
        return channels.stream().map(c -> (Courier) new Courier() {
            @Override
            public String kind() {
                return c.sendKind();
            }

            @Override
            public Outcome deliver(Effect effect) {
                Optional<Outcome> wait = inOrder(effect);
                if (wait.isPresent()) return wait.get();
                Outcome outcome = c.courier().deliver(effect);
                if (outcome instanceof Outcome.Delivered) keep(c, effect);
                return outcome;
            }
        }).toList();
    }

    public List<String> problems() {
        return channels.stream().flatMap(c -> c.problem().stream()).toList();
    }

    @Override
    public Optional<Conversation> of(Task task, Event event, int windowTokens) {
        for (Channel c : channels) {
            Optional<Incoming> m = Incoming.of(event, c.name());
            if (m.isEmpty()) continue;
            ChatLog.Window w = chats.before(m.get(), windowTokens);
            return Optional.of(new Conversation(w.messages(), w.untrusted(),
                    new Replies(setup.jdbi(), setup.clock(), m.get(), c.maxLength(), task.id())));
        }
        return Optional.empty();
    }

    /** Holds a part back until the part before it went out; gives it up when that one never will. */
    private Optional<Outcome> inOrder(Effect effect) {
        Optional<String> after;
        try {
            after = Outgoing.read(effect.payload()).after();
        } catch (IllegalStateException e) {
            return Optional.empty(); // the courier refuses it
        }
        if (after.isEmpty()) return Optional.empty();
        Optional<Effect.State> state = setup.outbox().find(after.get()).map(Effect::state);
        if (state.isEmpty() || state.get() == Effect.State.DELIVERED) return Optional.empty();
        if (state.get() == Effect.State.FAILED) {
            return Optional.of(new Outcome.Refused("the part before it (" + after.get() + ") was not delivered"));
        }
        return Optional.of(Outcome.Retry.because("waits for the part before it (" + after.get() + ")"));
    }

    /** An answer that went out joins its chat's window and the journal; its trust is its task's. */
    private void keep(Channel c, Effect effect) {
        try {
            Outgoing out = Outgoing.read(effect.payload());
            boolean started = effect.key().startsWith(c.name() + ":message:"); // message_user: a thread of its own
            if (out.replyTo().isEmpty() && !started) return; // a pairing message: no code in the journal
            Trust trust = effect.taskId().flatMap(setup.tasks()::find).map(Task::trust).orElse(Trust.TRUSTED);
            chats.answered(out, trust, setup.clock().instant());
            setup.journal().append(setup.clock().instant(), "said on " + c.name() + " (chat " + out.chat() + "): "
                    + out.text(), c.name() + " effect " + effect.id(), trust);
        } catch (RuntimeException e) { // it was delivered: failing here must not make it go out again
            log.warn("effect={} delivered, but not kept in the chat's window: {}", effect.id(), e.toString());
        }
    }
}
