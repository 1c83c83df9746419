-- What links a journal line and the notes made of it. A journal line (in journal/ or archive/journal/) is known by
-- the first part of its provenance ("D1:7", "chat 1764000000000 user", "event 12"): one row with is_line = 1. Any
-- other item names the lines it was made of in its provenance: one row per part, is_line = 0. The dream files each
-- speaker's lines under their own topic, so the turn before an answer lives in another file; through this table
-- retrieval finds a note's neighbours in the conversation, in the order the journal keeps.
CREATE TABLE memory_sources (
    item_id INTEGER NOT NULL,
    source  TEXT    NOT NULL,
    is_line INTEGER NOT NULL
);
CREATE INDEX memory_sources_source ON memory_sources (source, is_line);
CREATE INDEX memory_sources_item ON memory_sources (item_id);

CREATE TRIGGER memory_items_ad_sources AFTER DELETE ON memory_items BEGIN
    DELETE FROM memory_sources WHERE item_id = old.id;
END;

-- Items indexed before this table existed have no rows in it: spoil the stamps, so the next refresh reads every
-- file again (unchanged texts keep their vectors, found by their hash).
UPDATE memory_files SET size = -1, hash = '';
