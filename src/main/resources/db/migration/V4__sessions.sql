-- Conversations: the user's chat persists across turns (windowed to a token budget when read); each proactive
-- task has a session of its own, so its work never lands in the user's history.
CREATE TABLE session_messages (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT    NOT NULL,
    role    TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    tokens  INTEGER NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX session_messages_session ON session_messages (session, id);
