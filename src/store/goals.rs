//! Goals: the tree, dependencies, contributions, status, and the queries over them.

use super::gesture::Change;
use super::graph_check::path;
use super::keys::new_key;
use super::rows::{check, check_conditions, check_effects, id_of, keys_of, to_json, Json};
use super::Store;
use crate::domain::*;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;
use std::collections::HashMap;

const NODE_COLUMNS: &str = "g.key, g.title, p.key, g.priority, g.kind, g.status";

fn node(r: &Row<'_>) -> rusqlite::Result<GoalNode> {
    Ok(GoalNode {
        key: r.get(0)?,
        title: r.get(1)?,
        parent: r.get(2)?,
        priority: r.get(3)?,
        kind: r.get(4)?,
        status: r.get(5)?,
    })
}

impl Store {
    /// Creates a pending goal under `parent` (a root when `None`); `key` is generated
    /// (`G-n`) when not given.
    pub fn create_goal(&mut self, key: Option<&str>, parent: Option<&str>, fields: &GoalFields) -> Result<Goal> {
        self.gesture(|conn| {
            let key = new_key(conn, Entity::Goal, key)?;
            let parent_id = parent.map(|p| id_of(conn, Entity::Goal, p)).transpose()?;
            insert_goal(conn, &key, parent_id, fields, GoalStatus::Pending)?;
            let goal = load_goal(conn, &key)?;
            Ok((goal.clone(), Change::new(Entity::Goal, &key, "created", json!(goal))))
        })
    }

    /// Replaces the editable fields of a goal (not its place, status or links).
    pub fn update_goal(&mut self, key: &str, fields: &GoalFields) -> Result<Goal> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Goal, key)?;
            validate_goal_fields(key, fields)?;
            if fields.kind == GoalKind::Hard {
                let contributes: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM goal_contributions WHERE from_goal_id = ?1)",
                    [id],
                    |r| r.get(0),
                )?;
                if contributes {
                    return Err(Error::invalid(Entity::Goal, key, "kind", "cannot be hard while the goal has contribution links (only soft goals contribute)"));
                }
            }
            conn.prepare_cached(
                "UPDATE goals SET title = ?2, description = ?3, priority = ?4, kind = ?5, mode = ?6, refinement = ?7,
                 preconditions = ?8, postconditions = ?9, effects = ?10 WHERE id = ?1",
            )?
            .execute(params![
                id,
                fields.title,
                fields.description,
                fields.priority,
                fields.kind,
                fields.mode,
                fields.refinement,
                to_json(&fields.preconditions),
                to_json(&fields.postconditions),
                to_json(&fields.effects),
            ])?;
            conn.execute("DELETE FROM goal_metrics WHERE goal_id = ?1", [id])?;
            insert_metrics(conn, id, &fields.metrics)?;
            let goal = load_goal(conn, key)?;
            Ok((goal.clone(), Change::new(Entity::Goal, key, "updated", json!(goal))))
        })
    }

    /// Moves a goal along its life cycle; see [`GoalStatus::can_become`].
    pub fn set_goal_status(&mut self, key: &str, status: GoalStatus) -> Result<Goal> {
        self.gesture(|conn| {
            let (id, from): (i64, GoalStatus) =
                conn.query_row("SELECT id, status FROM goals WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?.ok_or_else(|| Error::not_found(Entity::Goal, key))?;
            if !from.can_become(status) {
                return Err(Error::InvalidTransition { entity: Entity::Goal, key: key.into(), from: from.to_string(), to: status.to_string() });
            }
            conn.execute("UPDATE goals SET status = ?2 WHERE id = ?1", params![id, status])?;
            let goal = load_goal(conn, key)?;
            Ok((goal, Change::new(Entity::Goal, key, "status_changed", json!({ "from": from, "to": status }))))
        })
    }

    /// Reparents a goal (`None` makes it a root). Refused when the new parent is the goal
    /// itself or one of its descendants.
    pub fn move_goal(&mut self, key: &str, parent: Option<&str>) -> Result<Goal> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Goal, key)?;
            let parent_id = parent.map(|p| id_of(conn, Entity::Goal, p)).transpose()?;
            if let Some(pid) = parent_id {
                // Walking up from the new parent must not meet the goal.
                let mut parent_of = conn.prepare_cached("SELECT parent_id FROM goals WHERE id = ?1")?;
                if let Some(chain) = path(pid, id, |n| Ok(parent_of.query_row([n], |r| r.get::<_, Option<i64>>(0))?.into_iter().collect()))? {
                    let mut cycle = keys_of(conn, Entity::Goal, &chain)?;
                    cycle.reverse();
                    cycle.push(key.to_owned());
                    return Err(Error::Cycle { entity: Entity::Goal, relation: "parent", cycle });
                }
            }
            conn.execute("UPDATE goals SET parent_id = ?2 WHERE id = ?1", params![id, parent_id])?;
            let goal = load_goal(conn, key)?;
            Ok((goal, Change::new(Entity::Goal, key, "moved", json!({ "parent": parent }))))
        })
    }

    /// Records that `goal` cannot start before `depends_on` is achieved. Refused when it
    /// would close a cycle; the error carries the cycle.
    pub fn add_goal_dependency(&mut self, goal: &str, depends_on: &str) -> Result<()> {
        self.gesture(|conn| {
            let from = id_of(conn, Entity::Goal, goal)?;
            let to = id_of(conn, Entity::Goal, depends_on)?;
            insert_goal_dependency(conn, from, to)?;
            Ok(((), Change::new(Entity::Goal, goal, "dependency_added", json!({ "depends_on": depends_on }))))
        })
    }

    pub fn remove_goal_dependency(&mut self, goal: &str, depends_on: &str) -> Result<()> {
        self.gesture(|conn| {
            let from = id_of(conn, Entity::Goal, goal)?;
            let to = id_of(conn, Entity::Goal, depends_on)?;
            conn.execute("DELETE FROM goal_dependencies WHERE goal_id = ?1 AND depends_on_id = ?2", [from, to])?;
            Ok(((), Change::new(Entity::Goal, goal, "dependency_removed", json!({ "depends_on": depends_on }))))
        })
    }

    /// Sets (or with `None` removes) how the soft goal `from` contributes to `to`.
    pub fn set_goal_contribution(&mut self, from: &str, to: &str, kind: Option<ContributionKind>) -> Result<()> {
        self.gesture(|conn| {
            let from_id = id_of(conn, Entity::Goal, from)?;
            let to_id = id_of(conn, Entity::Goal, to)?;
            match kind {
                Some(kind) => insert_contribution(conn, from, from_id, to_id, kind)?,
                None => {
                    conn.execute("DELETE FROM goal_contributions WHERE from_goal_id = ?1 AND to_goal_id = ?2", [from_id, to_id])?;
                }
            }
            Ok(((), Change::new(Entity::Goal, from, "contribution_set", json!({ "to": to, "kind": kind }))))
        })
    }

    /// What [`Store::delete_goal`] would remove or detach, without changing anything.
    pub fn goal_deletion_preview(&self, key: &str) -> Result<GoalDeletion> {
        let id = id_of(&self.conn, Entity::Goal, key)?;
        deletion(&self.conn, id)
    }

    /// Deletes a goal with its whole subtree, their metrics, links, plans (with steps
    /// and edges) and methods. Tasks survive, detached from the deleted goals and steps.
    /// Refused while a method of a goal outside the subtree has one of its goals as a
    /// subtask; the error names those methods.
    pub fn delete_goal(&mut self, key: &str) -> Result<GoalDeletion> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Goal, key)?;
            let report = deletion(conn, id)?;
            let goal_ids = subtree_ids(conn, id)?;
            let used_by = super::methods::methods_using_goals(conn, &goal_ids)?;
            if !used_by.is_empty() {
                return Err(Error::InUse { entity: Entity::Goal, key: key.into(), used_by });
            }
            for &g in &goal_ids {
                super::methods::delete_methods_of_goal(conn, g)?;
            }
            for &g in &goal_ids {
                conn.prepare_cached("UPDATE tasks SET goal_id = NULL WHERE goal_id = ?1")?.execute([g])?;
                for plan in plan_ids(conn, g)? {
                    super::plans::delete_plan_rows(conn, plan)?;
                }
                conn.prepare_cached("DELETE FROM goal_metrics WHERE goal_id = ?1")?.execute([g])?;
                conn.prepare_cached("DELETE FROM goal_dependencies WHERE goal_id = ?1 OR depends_on_id = ?1")?.execute([g])?;
                conn.prepare_cached("DELETE FROM goal_contributions WHERE from_goal_id = ?1 OR to_goal_id = ?1")?.execute([g])?;
            }
            // Children before parents, so that no row ever points at a deleted parent.
            for &g in goal_ids.iter().rev() {
                conn.prepare_cached("DELETE FROM goals WHERE id = ?1")?.execute([g])?;
            }
            Ok((report.clone(), Change::new(Entity::Goal, key, "deleted", json!(report))))
        })
    }

    /// A goal with its metrics, dependencies and contributions.
    pub fn goal(&self, key: &str) -> Result<Goal> {
        load_goal(&self.conn, key)
    }

    /// Every goal as a tree row, depth first: each goal is followed by its subtree,
    /// siblings in creation order. (Creation order alone would not do: a goal moved
    /// under a newer one would come before its parent.)
    pub fn goal_tree(&self) -> Result<Vec<GoalNode>> {
        let sql = format!("SELECT {NODE_COLUMNS} FROM goals g LEFT JOIN goals p ON p.id = g.parent_id ORDER BY g.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<GoalNode> = stmt.query_map([], node)?.collect::<rusqlite::Result<_>>()?;
        Ok(depth_first(rows))
    }

    /// A goal and all its descendants, breadth first (by depth, then creation). Seeks
    /// only: the recursive step uses `goals_parent`.
    pub fn goal_subtree(&self, key: &str) -> Result<Vec<GoalNode>> {
        // CROSS JOIN keeps `sub` the outer loop; with a plain JOIN, SQLite may scan every
        // goal and probe `sub` for each, and return the rows in no useful order.
        let sql = format!(
            "WITH RECURSIVE sub(id, depth) AS (
                SELECT id, 0 FROM goals WHERE key = ?1
                UNION ALL
                SELECT c.id, sub.depth + 1 FROM sub JOIN goals c ON c.parent_id = sub.id
            )
            SELECT {NODE_COLUMNS} FROM sub CROSS JOIN goals g ON g.id = sub.id LEFT JOIN goals p ON p.id = g.parent_id
            ORDER BY sub.depth, g.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<GoalNode> = stmt.query_map([key], node)?.collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Err(Error::not_found(Entity::Goal, key));
        }
        Ok(rows)
    }

    /// Goals with `status`, most important first.
    pub fn goals_by_status(&self, status: GoalStatus) -> Result<Vec<GoalNode>> {
        let sql = format!(
            "SELECT {NODE_COLUMNS} FROM goals g LEFT JOIN goals p ON p.id = g.parent_id
             WHERE g.status = ?1 ORDER BY g.priority DESC, g.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([status], node)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every dependency link as (goal, depends_on), for the goal graph.
    pub fn goal_dependencies(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.key, b.key FROM goal_dependencies d JOIN goals a ON a.id = d.goal_id
             JOIN goals b ON b.id = d.depends_on_id ORDER BY a.key, b.key",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Reorders tree rows (in creation order) so that each goal is followed by its subtree.
fn depth_first(rows: Vec<GoalNode>) -> Vec<GoalNode> {
    let index: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut roots = Vec::new();
    for (i, n) in rows.iter().enumerate() {
        match n.parent.as_deref().and_then(|p| index.get(p)) {
            Some(&p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(rows.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut slots: Vec<Option<GoalNode>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Checks a goal's own fields.
pub(crate) fn validate_goal_fields(key: &str, f: &GoalFields) -> Result<()> {
    check(Entity::Goal, key, "title", check_not_blank(&f.title))?;
    check(Entity::Goal, key, "priority", check_priority(f.priority))?;
    check_conditions(Entity::Goal, key, "preconditions", &f.preconditions)?;
    check_conditions(Entity::Goal, key, "postconditions", &f.postconditions)?;
    check_effects(Entity::Goal, key, "effects", &f.effects)?;
    for (i, m) in f.metrics.iter().enumerate() {
        let field = |part: &str| format!("metrics[{i}].{part}");
        check(Entity::Goal, key, &field("name"), check_not_blank(&m.name))?;
        if f.metrics[..i].iter().any(|other| other.name == m.name) {
            return Err(Error::invalid(Entity::Goal, key, field("name"), format!("{:?} appears twice", m.name)));
        }
        for (part, value) in [("target", m.target), ("current", m.current)] {
            if !value.is_finite() {
                return Err(Error::invalid(Entity::Goal, key, field(part), "must be a finite number"));
            }
        }
    }
    Ok(())
}

/// Inserts a validated goal row with its metrics; links are added separately.
pub(crate) fn insert_goal(conn: &Connection, key: &str, parent_id: Option<i64>, f: &GoalFields, status: GoalStatus) -> Result<i64> {
    validate_goal_fields(key, f)?;
    conn.prepare_cached(
        "INSERT INTO goals (key, title, description, priority, kind, mode, refinement, status,
                            preconditions, postconditions, effects, parent_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        key,
        f.title,
        f.description,
        f.priority,
        f.kind,
        f.mode,
        f.refinement,
        status,
        to_json(&f.preconditions),
        to_json(&f.postconditions),
        to_json(&f.effects),
        parent_id,
    ])?;
    let id = conn.last_insert_rowid();
    insert_metrics(conn, id, &f.metrics)?;
    Ok(id)
}

fn insert_metrics(conn: &Connection, goal_id: i64, metrics: &[Metric]) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT INTO goal_metrics (goal_id, name, target, current, unit) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for m in metrics {
        stmt.execute(params![goal_id, m.name, m.target, m.current, m.unit])?;
    }
    Ok(())
}

/// Adds `goal → depends_on` unless it closes a cycle.
pub(crate) fn insert_goal_dependency(conn: &Connection, goal: i64, depends_on: i64) -> Result<()> {
    let mut next = conn.prepare_cached("SELECT depends_on_id FROM goal_dependencies WHERE goal_id = ?1")?;
    let found = path(depends_on, goal, |n| Ok(next.query_map([n], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?))?;
    if let Some(back) = found {
        let mut ids = vec![goal];
        ids.extend(back);
        return Err(Error::Cycle { entity: Entity::Goal, relation: "dependencies", cycle: keys_of(conn, Entity::Goal, &ids)? });
    }
    conn.prepare_cached("INSERT OR IGNORE INTO goal_dependencies (goal_id, depends_on_id) VALUES (?1, ?2)")?
        .execute([goal, depends_on])?;
    Ok(())
}

pub(crate) fn insert_contribution(conn: &Connection, from_key: &str, from: i64, to: i64, kind: ContributionKind) -> Result<()> {
    let from_kind: GoalKind = conn.query_row("SELECT kind FROM goals WHERE id = ?1", [from], |r| r.get(0))?;
    if from_kind != GoalKind::Soft {
        return Err(Error::invalid(Entity::Goal, from_key, "contributions", "only soft goals contribute to other goals"));
    }
    if from == to {
        return Err(Error::invalid(Entity::Goal, from_key, "contributions", "a goal cannot contribute to itself"));
    }
    conn.prepare_cached(
        "INSERT INTO goal_contributions (from_goal_id, to_goal_id, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT (from_goal_id, to_goal_id) DO UPDATE SET kind = excluded.kind",
    )?
    .execute(params![from, to, kind])?;
    Ok(())
}

pub(crate) fn load_goal(conn: &Connection, key: &str) -> Result<Goal> {
    let mut goal = conn
        .prepare_cached(
            "SELECT g.id, g.key, g.title, g.description, g.priority, g.kind, g.mode, g.refinement, g.status,
                    g.preconditions, g.postconditions, g.effects, p.key
             FROM goals g LEFT JOIN goals p ON p.id = g.parent_id WHERE g.key = ?1",
        )?
        .query_row([key], |r| {
            let Json(preconditions) = r.get(9)?;
            let Json(postconditions) = r.get(10)?;
            let Json(effects) = r.get(11)?;
            Ok((
                r.get::<_, i64>(0)?,
                Goal {
                    key: r.get(1)?,
                    fields: GoalFields {
                        title: r.get(2)?,
                        description: r.get(3)?,
                        priority: r.get(4)?,
                        kind: r.get(5)?,
                        mode: r.get(6)?,
                        refinement: r.get(7)?,
                        preconditions,
                        postconditions,
                        effects,
                        metrics: Vec::new(),
                    },
                    status: r.get(8)?,
                    parent: r.get(12)?,
                    depends_on: Vec::new(),
                    contributions: Vec::new(),
                },
            ))
        })
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Goal, key))?;
    let id = goal.0;
    let goal_ref = &mut goal.1;
    goal_ref.fields.metrics = conn
        .prepare_cached("SELECT name, target, current, unit FROM goal_metrics WHERE goal_id = ?1 ORDER BY name")?
        .query_map([id], |r| Ok(Metric { name: r.get(0)?, target: r.get(1)?, current: r.get(2)?, unit: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    goal_ref.depends_on = conn
        .prepare_cached("SELECT g.key FROM goal_dependencies d JOIN goals g ON g.id = d.depends_on_id WHERE d.goal_id = ?1 ORDER BY g.key")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    goal_ref.contributions = conn
        .prepare_cached("SELECT g.key, c.kind FROM goal_contributions c JOIN goals g ON g.id = c.to_goal_id WHERE c.from_goal_id = ?1 ORDER BY g.key")?
        .query_map([id], |r| Ok(Contribution { to: r.get(0)?, kind: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(goal.1)
}

/// The goal and its descendants, breadth first (parents before children).
pub(crate) fn subtree_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id FROM sub JOIN goals c ON c.parent_id = sub.id)
         SELECT id FROM sub",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn plan_ids(conn: &Connection, goal: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM plans WHERE goal_id = ?1 ORDER BY id")?;
    let ids = stmt.query_map([goal], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn deletion(conn: &Connection, id: i64) -> Result<GoalDeletion> {
    let goal_ids = subtree_ids(conn, id)?;
    let mut report = GoalDeletion { goals: keys_of(conn, Entity::Goal, &goal_ids)?, ..Default::default() };
    let mut tasks = std::collections::BTreeSet::new();
    let mut links = std::collections::BTreeSet::new();
    let mut task_keys = conn.prepare_cached(
        "SELECT key FROM tasks WHERE goal_id = ?1
         UNION SELECT t.key FROM tasks t JOIN plan_steps s ON s.id = t.step_id JOIN plans p ON p.id = s.plan_id WHERE p.goal_id = ?1",
    )?;
    let mut link_rows = conn.prepare_cached(
        "SELECT 'd', goal_id, depends_on_id FROM goal_dependencies WHERE goal_id = ?1 OR depends_on_id = ?1
         UNION SELECT 'c', from_goal_id, to_goal_id FROM goal_contributions WHERE from_goal_id = ?1 OR to_goal_id = ?1",
    )?;
    for &g in &goal_ids {
        report.plans.extend(keys_of(conn, Entity::Plan, &plan_ids(conn, g)?)?);
        for key in task_keys.query_map([g], |r| r.get::<_, String>(0))? {
            tasks.insert(key?);
        }
        for link in link_rows.query_map([g], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))? {
            links.insert(link?);
        }
    }
    report.methods = super::methods::method_keys_of_goals(conn, &goal_ids)?;
    report.detached_tasks = tasks.into_iter().collect();
    report.links = links.len();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use crate::{GoalFields, Store};

    #[test]
    fn the_tree_lists_each_goal_before_its_subtree() {
        let mut store = Store::open_in_memory().unwrap();
        for key in ["A", "B", "C"] {
            store.create_goal(Some(key), None, &GoalFields::titled(key)).unwrap();
        }
        store.create_goal(Some("A1"), Some("A"), &GoalFields::titled("A1")).unwrap();
        // A is older than B, yet now lives under it; C under A.
        store.move_goal("A", Some("B")).unwrap();
        store.move_goal("C", Some("A")).unwrap();
        let keys: Vec<String> = store.goal_tree().unwrap().into_iter().map(|n| n.key).collect();
        assert_eq!(keys, ["B", "A", "C", "A1"]);
    }
}
