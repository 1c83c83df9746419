-- Times are epoch milliseconds (UTC); days are local dates 'YYYY-MM-DD' in the configured time zone.

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    dedupe_key  TEXT    NOT NULL,
    observed_at INTEGER NOT NULL,
    trust       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    processed_at INTEGER,
    UNIQUE (source, dedupe_key)
);
CREATE INDEX events_pending ON events (id) WHERE processed_at IS NULL;

CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    trust      TEXT    NOT NULL,
    event_id   INTEGER REFERENCES events (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX tasks_state ON tasks (state);

-- One row a day: idle beats are counted here and nowhere else.
CREATE TABLE beat_days (
    day        TEXT    PRIMARY KEY,
    beats      INTEGER NOT NULL,
    idle_beats INTEGER NOT NULL,
    last_beat  INTEGER NOT NULL
);

-- What sensors remember between polls (last seen commit of a branch, when a schedule last fired, ...).
CREATE TABLE sensor_state (
    sensor TEXT NOT NULL,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (sensor, key)
);

-- Folders and repositories added with `kairos watch`.
CREATE TABLE watches (
    path         TEXT    PRIMARY KEY,
    test_command TEXT,
    added_at     INTEGER NOT NULL
);

-- Every model call; the ledger reads and budgets from here.
CREATE TABLE model_calls (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    at                 INTEGER NOT NULL,
    day                TEXT    NOT NULL,
    task_id            INTEGER,
    task_kind          TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    input_tokens       INTEGER NOT NULL,
    output_tokens      INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    cache_read_tokens  INTEGER NOT NULL,
    cost_usd           REAL    NOT NULL
);
CREATE INDEX model_calls_day ON model_calls (day);
