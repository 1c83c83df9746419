-- Reminders and recurring checks the agent set with its `schedule` tool. The schedule sensor fires them like the
-- checks in HEARTBEAT.md: a reminder (at) once, after which it is done; a recurring check (every, in HEARTBEAT.md
-- words) each time it comes due, counted from when it was set.
CREATE TABLE schedules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    text       TEXT    NOT NULL,
    at         INTEGER,          -- a reminder: when (epoch ms)
    every      TEXT,             -- a recurring check: the schedule as written
    trust      TEXT    NOT NULL, -- of the turn that set it: a check set from untrusted input stays untrusted
    set_by     TEXT    NOT NULL, -- "chat" or "task N"
    created_at INTEGER NOT NULL,
    last_due   INTEGER NOT NULL, -- the latest time it came due and was reported (created_at until then)
    done_at    INTEGER,
    CHECK ((at IS NULL) <> (every IS NULL))
);
CREATE INDEX schedules_active ON schedules (id) WHERE done_at IS NULL;
