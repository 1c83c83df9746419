-- Dreams: when each ran, how it ended and its report. The gates read the last one (20 hours apart); the memory
-- changes themselves live in memory/'s git history, one commit per dream.
CREATE TABLE dreams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    commit_id   TEXT,
    report      TEXT    NOT NULL
);
CREATE INDEX dreams_started ON dreams (started_at);
