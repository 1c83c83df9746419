package dev.kairos.heartbeat;

import java.util.List;

/** Runs pending tasks as agent turns; the agent plugs in here. Returns how many model calls it made. */
public interface TaskRunner {
    int run(List<Task> pending);

    /** Called every beat before pending tasks are read: put back tasks whose wait is over. No model call. */
    default void requeue() {}
}
