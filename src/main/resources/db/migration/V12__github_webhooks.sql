-- GitHub webhook deliveries already received, by their X-GitHub-Delivery id: a redelivery is answered without
-- being handled again. Kept a week (GitHub offers redelivery of the last three days), then pruned.
CREATE TABLE github_deliveries (
    delivery_id TEXT    PRIMARY KEY,
    event       TEXT    NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE INDEX github_deliveries_received ON github_deliveries (received_at);

-- Repositories followed with `kairos github subscribe` (those in kairos.yaml's github.repos are followed too).
-- GitHub's OWNER/NAME is case-insensitive, and so is this key.
CREATE TABLE github_subscriptions (
    repo     TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    checkout TEXT,
    added_at INTEGER NOT NULL
);
