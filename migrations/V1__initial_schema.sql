-- MABOS Planner: the initial schema.
--
-- Every entity has an integer id (what foreign keys point at) and a human-readable,
-- unique key (what people, the CLI, the UI and the JSON export use).
--
-- Foreign keys use no ON DELETE actions on purpose: the store performs each deletion
-- policy (cascade, detach, refuse) explicitly inside one transaction, so that every
-- row it touches is captured for undo, and the database refuses anything that would
-- leave an orphan. See docs/data-model.md.
--
-- Conditions, effects and world states are JSON arrays validated by the core; the
-- CHECKs here only guarantee that they are well-formed JSON arrays.

CREATE TABLE capabilities (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0 AND length(name) <= 64)
) STRICT;

CREATE TABLE agents (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    experience INTEGER NOT NULL DEFAULT 0 CHECK (experience >= 0),
    capacity   REAL NOT NULL CHECK (capacity >= 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE agent_capabilities (
    agent_id      INTEGER NOT NULL REFERENCES agents (id),
    capability_id INTEGER NOT NULL REFERENCES capabilities (id),
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (agent_id, capability_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agent_capabilities_capability ON agent_capabilities (capability_id);

CREATE TABLE goals (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description    TEXT NOT NULL DEFAULT '',
    priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 10),
    kind           TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),
    mode           TEXT NOT NULL CHECK (mode IN ('achieve', 'maintain', 'cease', 'avoid', 'query')),
    refinement     TEXT NOT NULL CHECK (refinement IN ('and', 'or')),
    status         TEXT NOT NULL CHECK (status IN ('pending', 'active', 'in_progress', 'achieved',
                                                   'failed', 'suspended', 'abandoned')),
    preconditions  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preconditions) AND json_type(preconditions) = 'array'),
    postconditions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(postconditions) AND json_type(postconditions) = 'array'),
    effects        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(effects) AND json_type(effects) = 'array'),
    parent_id      INTEGER REFERENCES goals (id) CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
-- Children of a goal, in creation order: the subtree CTE seeks on this index.
CREATE INDEX goals_parent ON goals (parent_id, id);
CREATE INDEX goals_status_priority ON goals (status, priority DESC);

CREATE TABLE goal_metrics (
    goal_id INTEGER NOT NULL REFERENCES goals (id),
    name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    target  REAL NOT NULL,
    current REAL NOT NULL DEFAULT 0,
    unit    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (goal_id, name)
) STRICT, WITHOUT ROWID;

-- goal_id cannot start before depends_on_id is achieved. The core keeps this a DAG.
CREATE TABLE goal_dependencies (
    goal_id       INTEGER NOT NULL REFERENCES goals (id),
    depends_on_id INTEGER NOT NULL REFERENCES goals (id),
    PRIMARY KEY (goal_id, depends_on_id),
    CHECK (goal_id <> depends_on_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX goal_dependencies_depends_on ON goal_dependencies (depends_on_id);

-- A soft goal helps (++, +) or hurts (-, --) another goal.
CREATE TABLE goal_contributions (
    from_goal_id INTEGER NOT NULL REFERENCES goals (id),
    to_goal_id   INTEGER NOT NULL REFERENCES goals (id),
    kind         TEXT NOT NULL CHECK (kind IN ('++', '+', '-', '--')),
    PRIMARY KEY (from_goal_id, to_goal_id),
    CHECK (from_goal_id <> to_goal_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX goal_contributions_to ON goal_contributions (to_goal_id);

CREATE TABLE actions (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description   TEXT NOT NULL DEFAULT '',
    cost          REAL NOT NULL CHECK (cost >= 0),
    duration      REAL NOT NULL CHECK (duration >= 0),
    preconditions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preconditions) AND json_type(preconditions) = 'array'),
    effects       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(effects) AND json_type(effects) = 'array')
) STRICT;

CREATE TABLE action_capabilities (
    action_id     INTEGER NOT NULL REFERENCES actions (id),
    capability_id INTEGER NOT NULL REFERENCES capabilities (id),
    min_level     INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 5),
    PRIMARY KEY (action_id, capability_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_capabilities_capability ON action_capabilities (capability_id);

CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    goal_id        INTEGER NOT NULL REFERENCES goals (id),
    title          TEXT NOT NULL DEFAULT '',
    priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 10),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'active', 'completed', 'failed', 'abandoned')),
    preconditions  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preconditions) AND json_type(preconditions) = 'array'),
    postconditions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(postconditions) AND json_type(postconditions) = 'array'),
    budget         REAL CHECK (budget IS NULL OR budget >= 0),
    deadline       TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    constraints    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(constraints) AND json_type(constraints) = 'array')
) STRICT;
CREATE INDEX plans_goal ON plans (goal_id);

CREATE TABLE plan_steps (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plans (id),
    key       TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    action_id INTEGER NOT NULL REFERENCES actions (id),
    note      TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, key),
    -- Lets plan_edges prove that both ends of an edge belong to the same plan.
    UNIQUE (plan_id, id)
) STRICT;
CREATE INDEX plan_steps_action ON plan_steps (action_id);

-- before_id must finish before after_id starts. The core keeps this a DAG.
CREATE TABLE plan_edges (
    plan_id   INTEGER NOT NULL REFERENCES plans (id),
    before_id INTEGER NOT NULL,
    after_id  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, before_id, after_id),
    FOREIGN KEY (plan_id, before_id) REFERENCES plan_steps (plan_id, id),
    FOREIGN KEY (plan_id, after_id) REFERENCES plan_steps (plan_id, id),
    CHECK (before_id <> after_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX plan_edges_before ON plan_edges (plan_id, before_id);
CREATE INDEX plan_edges_after ON plan_edges (plan_id, after_id);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'failed', 'blocked')),
    priority     INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 10),
    deadline     TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    effort       REAL NOT NULL CHECK (effort >= 0),
    step_id      INTEGER REFERENCES plan_steps (id),
    goal_id      INTEGER REFERENCES goals (id),
    assignee_id  INTEGER REFERENCES agents (id),
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    completed_at TEXT,
    -- Completion is derived from the status, never set on its own.
    CHECK ((status = 'done') = (completed_at IS NOT NULL))
) STRICT;
CREATE INDEX tasks_step ON tasks (step_id);
CREATE INDEX tasks_goal ON tasks (goal_id);
-- Tasks per agent and the agent's workload (open tasks) come from this index alone.
CREATE INDEX tasks_assignee_status ON tasks (assignee_id, status);
CREATE INDEX tasks_status_priority ON tasks (status, priority DESC);

CREATE TABLE task_dependencies (
    task_id       INTEGER NOT NULL REFERENCES tasks (id),
    depends_on_id INTEGER NOT NULL REFERENCES tasks (id),
    PRIMARY KEY (task_id, depends_on_id),
    CHECK (task_id <> depends_on_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_dependencies_depends_on ON task_dependencies (depends_on_id);

-- The next number for generated keys (G-17, T-4, ...), per prefix. Tracked by undo.
CREATE TABLE key_sequences (
    prefix TEXT PRIMARY KEY,
    next   INTEGER NOT NULL CHECK (next >= 1)
) STRICT, WITHOUT ROWID;

-- The append-only event log: the outbox other MABOS components read. One row per
-- user gesture (and per undo or redo). Never updated or deleted by the store.
CREATE TABLE events (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    entity  TEXT NOT NULL,
    key     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload))
) STRICT;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

-- Undo history: the SQLite changeset of each gesture. Rows with undone = 1 form the
-- redo stack (always the newest rows); a new gesture discards them.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    event_seq INTEGER NOT NULL UNIQUE REFERENCES events (seq),
    changeset BLOB NOT NULL,
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;
CREATE INDEX history_undone ON history (undone, id);
