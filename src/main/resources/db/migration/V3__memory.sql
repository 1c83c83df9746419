-- The memory index: derived from the markdown files under memory/, rebuilt by `kairos memory reindex`.

-- What each file looked like when it was last indexed, so a refresh reads only what changed.
CREATE TABLE memory_files (
    path  TEXT    PRIMARY KEY,
    size  INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    hash  TEXT    NOT NULL
);

-- One row per item (a bullet or paragraph). vector: the embedding as a float32 scale followed by one signed byte a
-- dimension; tokens: the item's rendered line, as packing counts it; text_hash lets an unchanged line keep its vector when its file is edited or it moves to another file.
CREATE TABLE memory_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    path       TEXT    NOT NULL,
    line       INTEGER NOT NULL,
    day        TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    provenance TEXT    NOT NULL,
    text_hash  TEXT    NOT NULL,
    tokens     INTEGER NOT NULL,
    vector     BLOB
);
CREATE INDEX memory_items_path ON memory_items (path, line);
CREATE INDEX memory_items_hash ON memory_items (text_hash);
CREATE INDEX memory_items_recent ON memory_items (day, path, line);

-- Words, stemmed (Porter). External content: the text lives once, in memory_items.
CREATE VIRTUAL TABLE memory_fts USING fts5(text, content = 'memory_items', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER memory_items_ai AFTER INSERT ON memory_items BEGIN
    INSERT INTO memory_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER memory_items_ad AFTER DELETE ON memory_items BEGIN
    INSERT INTO memory_fts (memory_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Settings the index was built with (the embedder's id): when they change, the index is rebuilt.
CREATE TABLE memory_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
