-- The delivery policy's record of every notification asked for (notify_user, an approval, GitHub). A key is recorded
-- once, so a replayed step notifies once; the same text within the dedupe window is a duplicate. What quiet hours
-- or the rate limit hold stays here (HELD) until it goes out, alone or in one digest, in the same transaction that
-- records its outbox effects: a restart loses nothing and sends nothing twice.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,
    fingerprint     TEXT    NOT NULL, -- SHA-256 of title and message: the same text
    priority        TEXT    NOT NULL CHECK (priority IN ('URGENT', 'NORMAL', 'LOW')),
    payload         TEXT    NOT NULL, -- the Notification as JSON
    state           TEXT    NOT NULL CHECK (state IN ('HELD', 'SENT', 'DUPLICATE')),
    hold            TEXT    CHECK (hold IN ('QUIET', 'RATE')), -- why it is (or was) held; NULL: sent at once
    created_at      INTEGER NOT NULL,
    released_at     INTEGER, -- when its outbox effects were recorded
    sent_as         TEXT     -- the key it went out under: its own, or its digest's
);
CREATE INDEX notifications_held ON notifications (state, id);
CREATE INDEX notifications_text ON notifications (fingerprint, created_at);
CREATE INDEX notifications_released ON notifications (priority, released_at);

-- When an approval went out as a notification (with its Approve and Deny links); NULL: not yet. Approvals decided
-- before this column never go out.
ALTER TABLE approvals ADD COLUMN notified_at INTEGER;
UPDATE approvals SET notified_at = created_at WHERE state <> 'PENDING';
