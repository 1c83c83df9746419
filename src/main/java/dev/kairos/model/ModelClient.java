package dev.kairos.model;

import java.util.function.Consumer;

/**
 * One model behind one provider's API. Implementations retry what is worth retrying and turn every failure into a
 * {@link ModelException} whose message a user can act on.
 */
public interface ModelClient {

    /** Sends the request and waits for the whole reply (no streaming). */
    ModelResponse complete(ModelRequest request);

    /**
     * Streams the reply, handing each piece of text to {@code textDeltas} as it arrives, and returns the same
     * accumulated response {@link #complete} would. Useful for long replies (no HTTP time-out on a silent socket)
     * and for showing text to a user as it is written. A client that cannot stream hands over the text in one piece.
     */
    default ModelResponse stream(ModelRequest request, Consumer<String> textDeltas) {
        ModelResponse response = complete(request);
        if (!response.text().isEmpty()) {
            textDeltas.accept(response.text());
        }
        return response;
    }

    /** The provider name as in {@code KAIROS_MODEL}: anthropic, openai, ollama, or an OpenAI-compatible one. */
    String provider();

    String model();
}
