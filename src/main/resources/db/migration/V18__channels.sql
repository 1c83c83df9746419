-- Channels: where the user talks to the agent besides the terminal (Telegram first).

-- How far a channel has read its source (Telegram's getUpdates offset), written in the same transaction as the
-- inbox rows it led to: a restart neither loses nor repeats a message.
CREATE TABLE channel_cursors (
    channel  TEXT NOT NULL PRIMARY KEY,
    position TEXT NOT NULL
);

-- Chats made the user's with `kairos pair CODE`: only these are answered. user_id is who asked to pair: in a group,
-- the others' messages are someone else's (untrusted).
CREATE TABLE paired_chats (
    channel   TEXT    NOT NULL,
    chat      TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    paired_at INTEGER NOT NULL,
    PRIMARY KEY (channel, chat)
);

-- One-time pairing codes sent to unknown chats, stored hashed; a chat holds at most one, which expires.
CREATE TABLE pairing_codes (
    channel    TEXT    NOT NULL,
    chat       TEXT    NOT NULL,
    code_hash  TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    thread     TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (channel, chat)
);
CREATE INDEX pairing_codes_hash ON pairing_codes (code_hash);

-- Each chat's conversation window: what the user said (stored with the inbox row) and what Kairos said (stored
-- once the courier delivered it: a reply the model only decided on is not part of the conversation yet).
CREATE TABLE channel_messages (
    id         INTEGER PRIMARY KEY,
    channel    TEXT    NOT NULL,
    chat       TEXT    NOT NULL,
    message_id TEXT,
    role       TEXT    NOT NULL CHECK (role IN ('USER', 'ASSISTANT')),
    text       TEXT    NOT NULL,
    tokens     INTEGER NOT NULL,
    trust      TEXT    NOT NULL CHECK (trust IN ('TRUSTED', 'UNTRUSTED')),
    at         INTEGER NOT NULL
);
CREATE INDEX channel_messages_chat ON channel_messages (channel, chat, id);
