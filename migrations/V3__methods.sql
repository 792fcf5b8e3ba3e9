-- HTN methods: ways to achieve a goal, as ordered lists of subtasks.
--
-- A method belongs to one goal and is tried (by priority, then key) when the goal is
-- decomposed; its conditions are a JSON array of conditions, like the other condition
-- columns. Each subtask is either a sub-goal (decomposed by its own methods) or an
-- action. As elsewhere, no ON DELETE actions: the store deletes explicitly (a goal's
-- methods go with it; a goal or action used as a subtask is refused). docs/htn.md.

CREATE TABLE methods (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    goal_id    INTEGER NOT NULL REFERENCES goals (id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    priority   INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 10),
    ordered    INTEGER NOT NULL DEFAULT 1 CHECK (ordered IN (0, 1)),
    conditions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conditions) AND json_type(conditions) = 'array')
) STRICT;
-- A goal's methods in the order decomposition tries them.
CREATE INDEX methods_goal ON methods (goal_id, priority DESC, key);

CREATE TABLE method_subtasks (
    method_id INTEGER NOT NULL REFERENCES methods (id),
    position  INTEGER NOT NULL CHECK (position >= 0),
    kind      TEXT NOT NULL CHECK (kind IN ('goal', 'action')),
    goal_id   INTEGER REFERENCES goals (id),
    action_id INTEGER REFERENCES actions (id),
    PRIMARY KEY (method_id, position),
    -- Exactly the reference its kind says.
    CHECK ((kind = 'goal' AND goal_id IS NOT NULL AND action_id IS NULL)
        OR (kind = 'action' AND action_id IS NOT NULL AND goal_id IS NULL))
) STRICT, WITHOUT ROWID;
-- Who uses a goal or an action as a subtask (the deletion rules).
CREATE INDEX method_subtasks_goal ON method_subtasks (goal_id);
CREATE INDEX method_subtasks_action ON method_subtasks (action_id);
