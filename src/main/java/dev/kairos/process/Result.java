package dev.kairos.process;

import java.time.Duration;

/** How a {@link Command} ended, what it printed (clipped) and how long it took. */
public record Result(Ending ending, int exitCode, Output output, Duration duration) {

    /** The ways a run ends. */
    public enum Ending {
        /** The program exited (or was killed by a signal: exit code 128 + the signal). */
        EXITED,
        /** It ran past its time-out and was killed with everything it started. */
        TIMED_OUT,
        /** It could not be started; the output says why. */
        NOT_STARTED,
        /** The waiting thread was interrupted; the process tree was killed and the interrupt flag is set again. */
        INTERRUPTED
    }

    /**
     * The start and the end of the output; {@code cutBytes} bytes in between were dropped. When nothing was
     * dropped, {@code head} holds all of it and {@code tail} is empty.
     */
    public record Output(String head, long cutBytes, String tail) {
        static final Output NONE = new Output("", 0, "");

        /** The output with a marker where bytes were cut. */
        public String text() {
            return cutBytes == 0 ? head + tail : head + "\n[… " + cutBytes + " bytes cut …]\n" + tail;
        }

        public boolean isEmpty() {
            return head.isEmpty() && tail.isEmpty() && cutBytes == 0;
        }
    }

    static Result notStarted(String why) {
        return new Result(Ending.NOT_STARTED, -1, new Output(why, 0, ""), Duration.ZERO);
    }

    /** Exited with code 0. */
    public boolean ok() {
        return ending == Ending.EXITED && exitCode == 0;
    }

    public boolean timedOut() {
        return ending == Ending.TIMED_OUT;
    }

    /** The whole (clipped) output as text, see {@link Output#text()}. */
    public String text() {
        return output.text();
    }
}
