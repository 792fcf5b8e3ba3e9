-- MABOS Planner: the workspace's identity and the message broker bridge's bookkeeping.
--
-- None of these tables is part of the workspace: they are neither exported nor undone
-- (the core's history leaves them out), and writing them logs no event.

-- The workspace id: a random UUID (version 4) made once, when this migration runs, and
-- never changed. The bridge names every message it publishes with it
-- ("<workspace id>:<seq>"), so two databases never share a message id.
CREATE TABLE workspace_identity (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    uuid      TEXT NOT NULL CHECK (length(uuid) = 36)
) STRICT;
INSERT INTO workspace_identity (singleton, uuid)
SELECT 1,
       lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
       substr(lower(hex(randomblob(2))), 2) || '-' ||
       substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
       lower(hex(randomblob(6)));

-- How far the outbox got: the newest event sequence number the broker acknowledged,
-- per stream. The bridge resumes after it.
CREATE TABLE bridge_outbox (
    stream    TEXT PRIMARY KEY CHECK (length(stream) BETWEEN 1 AND 64),
    acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0)
) STRICT, WITHOUT ROWID;

-- The work offers in force: which agent was last offered which ready task, so that a
-- restarted bridge neither offers a task twice nor forgets to withdraw one.
CREATE TABLE bridge_offers (
    task  TEXT PRIMARY KEY,
    agent TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Every agent report applied, by its id: a report sent twice is applied once. Written in
-- the same transaction as the report's gesture; seq is that gesture's event (NULL when
-- the report changed no row).
CREATE TABLE bridge_reports (
    id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
    agent      TEXT NOT NULL,
    task       TEXT NOT NULL,
    seq        INTEGER,
    applied_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- This version changes no workspace table, so the undo steps recorded at version 4 stay
-- valid: stamp them with this version, as version 4 did for the steps before it.
UPDATE history SET schema_version = 5 WHERE schema_version = 4;
