-- GitHub fixes: one open fix per failure signature (repository + check or workflow name + branch). Triage inserts
-- the row with the event that opened it, in the beat's transaction, so a second failure of the same signature
-- while the fix is open makes no new task. The row closes when the fix cannot be verified (a later failure may try
-- again) or when its pull request is closed.
CREATE TABLE github_fixes (
    signature  TEXT    NOT NULL PRIMARY KEY,
    repo       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    branch     TEXT    NOT NULL,
    event_id   INTEGER NOT NULL,
    state      TEXT    NOT NULL, -- OPEN, PROPOSED (its draft pull request recorded), CLOSED
    opened_at  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX github_fixes_event ON github_fixes (event_id);
