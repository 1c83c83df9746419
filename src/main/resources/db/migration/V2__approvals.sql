-- Tool calls the policy answered "ask" for: the user approves or denies; past expires_at, unanswered means no.
CREATE TABLE approvals (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    task_id    INTEGER,
    tool       TEXT    NOT NULL,
    input      TEXT    NOT NULL, -- the call's input as canonical JSON (keys sorted), so a repeated call finds its row
    reason     TEXT    NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED')),
    decided_at INTEGER
);
CREATE INDEX approvals_pending ON approvals (expires_at) WHERE state = 'PENDING';
CREATE INDEX approvals_call ON approvals (task_id, tool);
