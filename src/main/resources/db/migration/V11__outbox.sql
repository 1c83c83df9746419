-- The outbox: every outward effect (a comment, a push, a pull request, a notification, a message) is written here
-- with an idempotency key in the same transaction as the step that decided it, then delivered with retries. A key
-- is recorded once; a delivered effect is never delivered again.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    delivered_at    INTEGER,
    receipt         TEXT,
    last_error      TEXT,
    task_id         INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
