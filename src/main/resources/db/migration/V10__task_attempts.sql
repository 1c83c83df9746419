-- How often the model refused a task's request outright (too long, malformed, unknown model): after a few, the task
-- fails instead of spending a request at every beat.
ALTER TABLE tasks ADD COLUMN model_refusals INTEGER NOT NULL DEFAULT 0;
