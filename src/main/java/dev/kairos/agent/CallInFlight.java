package dev.kairos.agent;

import dev.kairos.model.ModelClient;
import dev.kairos.model.ModelRequest;
import dev.kairos.model.ModelResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Consumer;

/** The model call the agent is waiting for, if any, and for whom: so a stop can say what it abandons. */
final class CallInFlight implements ModelClient {
    private record Call(String who, Instant since) {}

    private final ModelClient client;
    private final InstantSource clock;
    private volatile String who = "chat";
    private volatile Call current;

    CallInFlight(ModelClient client, InstantSource clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Whom the following calls are for, e.g. "task=3" or "chat". */
    void workingFor(String who) {
        this.who = who;
    }

    /** "task=3 model=anthropic/claude-sonnet-4-5 waiting 47 s", while a call waits for its answer. */
    Optional<String> describe() {
        Call c = current;
        if (c == null) return Optional.empty();
        long seconds = Math.max(0, Duration.between(c.since(), clock.instant()).toSeconds());
        return Optional.of(c.who() + " model=" + provider() + "/" + model() + " waiting " + seconds + " s");
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        current = new Call(who, clock.instant());
        try {
            return client.complete(request);
        } finally {
            current = null;
        }
    }

    @Override
    public ModelResponse stream(ModelRequest request, Consumer<String> textDeltas) {
        current = new Call(who, clock.instant());
        try {
            return client.stream(request, textDeltas);
        } finally {
            current = null;
        }
    }

    @Override
    public String provider() {
        return client.provider();
    }

    @Override
    public String model() {
        return client.model();
    }
}
