-- MABOS Planner: plan execution.
--
-- The recorded world state: the facts the workspace believes now, key → JSON value
-- (true/false, an integer, a number or a text). Finishing a task made from a plan
-- step applies its action's effects here; people set and remove facts by hand. The
-- core checks keys (1–128 characters, no white space) and values; the CHECKs only
-- guarantee a well-formed scalar. Tracked by undo like every workspace table.

CREATE TABLE world_facts (
    key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 128),
    value TEXT NOT NULL CHECK (json_valid(value) AND json_type(value) IN ('true', 'false', 'integer', 'real', 'text'))
) STRICT, WITHOUT ROWID;
