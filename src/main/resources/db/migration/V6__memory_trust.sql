-- Trust is part of an item's provenance: UNTRUSTED for someone else's text (its provenance ends in "untrusted"),
-- which retrieval fences and which taints the turn that reads it.
ALTER TABLE memory_items ADD COLUMN trust TEXT NOT NULL DEFAULT 'TRUSTED';

-- Items indexed before this column existed were read without their mark: spoil the stamps, so the next refresh
-- reads every file again (unchanged texts keep their vectors, found by their hash).
UPDATE memory_files SET size = -1, hash = '';

-- A chat reply written after reading someone else's text is untrusted too: while it stays in the conversation
-- window, the chat stays tainted.
ALTER TABLE session_messages ADD COLUMN trust TEXT NOT NULL DEFAULT 'TRUSTED';
