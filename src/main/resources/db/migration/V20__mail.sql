-- The email channel: how far it read its mailbox, and the mails it may answer.

-- The highest UID read from a mailbox's folder, valid only under its UIDVALIDITY (a server that renumbers the folder
-- changes that, and the folder is read afresh from the mails that arrived since the last read). Written in the same
-- transaction as the inbox rows it led to: a restart neither loses nor repeats a mail.
CREATE TABLE mail_cursors (
    mailbox      TEXT    NOT NULL PRIMARY KEY, -- user@host/folder
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    read_at      INTEGER NOT NULL
);

-- What a reply needs of each mail stored as a message: where it goes and which thread it joins.
CREATE TABLE mail_received (
    message_id  TEXT    NOT NULL PRIMARY KEY, -- the Message-ID, with its angle brackets
    thread      TEXT    NOT NULL,             -- the thread's first Message-ID: the chat of its messages
    reply_to    TEXT    NOT NULL,             -- the address an answer goes to (Reply-To, else From)
    subject     TEXT    NOT NULL,
    refs        TEXT    NOT NULL,             -- its References (else In-Reply-To), space-separated
    received_at INTEGER NOT NULL
);

-- Mails read but never answered, nor put in the inbox: automatic replies, mailing-list mail, the agent's own. Their
-- words stay out of the agent's memory (they would taint its next turns); this is the record that they came.
CREATE TABLE mail_noted (
    message_id  TEXT    NOT NULL PRIMARY KEY,
    sender      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    why         TEXT    NOT NULL CHECK (why IN ('OWN', 'AUTO_REPLY', 'MAILING_LIST')),
    received_at INTEGER NOT NULL
);
