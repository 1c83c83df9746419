package dev.kairos.agent;

/**
 * What a chat turn shows while it runs, for a user watching it (the web chat): the model's text as it arrives, and
 * each tool call as the model makes it. Text streamed in a step that goes on to call tools is not part of the final
 * reply; the reply the chat returns is the one to keep.
 */
public interface ChatProgress {
    /** Nobody watches: the turn waits for whole replies, as a proactive task does. */
    ChatProgress NONE = new ChatProgress() {
        @Override
        public void text(String delta) {}

        @Override
        public void toolCall(String tool) {}
    };

    /** A piece of the model's text, as the provider streams it. */
    void text(String delta);

    /** The model calls {@code tool} (its name only: the input may hold what the user would not want shown). */
    void toolCall(String tool);
}
