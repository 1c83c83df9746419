package dev.kairos.effect;

/**
 * Delivers effects of one kind (a GitHub comment, an ntfy message, a Telegram reply). Kairos may ask a courier
 * again for an effect it already delivered, when the process died between the delivery and its record: where the far
 * side can be asked (a pull request for the branch exists, a comment carries the key), a courier checks first and
 * answers {@link Outcome.Delivered} with what it found.
 */
public interface Courier {
    /** The {@link Effect#kind()} it delivers. */
    String kind();

    /** Delivers now; never throws for a failure of the far side (that is an {@link Outcome}). */
    Outcome deliver(Effect effect);
}
