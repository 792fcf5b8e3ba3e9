-- MABOS Planner: authors and per-author undo.
--
-- Every event and every undo step records who made it: "app:<user>", "cli:<user>@<host>",
-- "agent:AG-1", ... (1–128 characters, checked by the core's Author type). Rows written
-- before this version get the author "unknown".
ALTER TABLE events ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown' CHECK (length(author) BETWEEN 1 AND 128);

-- Undo and redo take the newest step of the same author; a new gesture clears only its
-- own author's redo steps. schema_version is the schema the changeset was recorded
-- against: a step from an older schema cannot be applied and is refused. This version
-- changes no workspace table (only the log, the history and the untracked tables below),
-- so the steps recorded before it are stamped with it and stay undoable.
ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE history ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 4;
CREATE INDEX history_author ON history (author, undone, id);

-- The highest row id ever given to each entity table. A row id is never given twice
-- (SQLite would otherwise reuse the ids of rows an undo removed), so redoing a step never
-- collides with rows another author added since. Not tracked by undo, like key_sequences
-- from this version on: generated keys are never reused either.
CREATE TABLE row_id_floors (
    tbl   TEXT PRIMARY KEY,
    floor INTEGER NOT NULL CHECK (floor >= 0)
) STRICT, WITHOUT ROWID;
