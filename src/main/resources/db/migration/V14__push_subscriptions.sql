-- Browsers that subscribed to Web Push at GET /push (RFC 8030): where the push service takes messages for them
-- (endpoint) and the keys their payloads are encrypted to (RFC 8291). A 404 or 410 from the push service removes one.
CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY,
    endpoint   TEXT    NOT NULL UNIQUE,
    p256dh     TEXT    NOT NULL,
    auth       TEXT    NOT NULL,
    user_agent TEXT,
    created_at INTEGER NOT NULL
);
