//! Goals: the tree, dependencies, contributions, status, deletion, and the tree reads.

use super::{plans, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::rows::{id_of, keys_of, to_json};
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::collections::{BTreeSet, HashMap};

/// Creates a pending goal under `parent` (a root when `None`).
pub(crate) fn create(conn: &Connection, key: Option<&str>, parent: Option<&str>, fields: &GoalFields) -> Result<(Goal, Change)> {
    let key = new_key(conn, Entity::Goal, key)?;
    let parent_id = parent.map(|p| id_of(conn, Entity::Goal, p)).transpose()?;
    insert(conn, &key, parent_id, fields, GoalStatus::Pending)?;
    let goal = db::goals::load(conn, &key)?;
    Ok((goal.clone(), Change::new(Entity::Goal, &key, "created", json!(goal))))
}

/// Inserts a goal row with its metrics after checking its fields; links come separately.
pub(crate) fn insert(conn: &Connection, key: &str, parent_id: Option<i64>, f: &GoalFields, status: GoalStatus) -> Result<i64> {
    f.validate(key)?;
    let (pre, post, effects) = (to_json(&f.preconditions), to_json(&f.postconditions), to_json(&f.effects));
    let row = db::goals::GoalRow {
        key,
        title: &f.title,
        description: &f.description,
        priority: f.priority,
        kind: f.kind,
        mode: f.mode,
        refinement: f.refinement,
        status,
        preconditions: &pre,
        postconditions: &post,
        effects: &effects,
        parent_id,
    };
    let id = db::goals::insert(conn, &row)?;
    f.metrics.iter().try_for_each(|m| db::goals::insert_metric(conn, id, m))?;
    Ok(id)
}

/// Replaces the editable fields of a goal (not its place, status or links).
pub(crate) fn update(conn: &Connection, key: &str, fields: &GoalFields) -> Result<(Goal, Change)> {
    let id = id_of(conn, Entity::Goal, key)?;
    fields.validate(key)?;
    if fields.kind == GoalKind::Hard && db::goals::has_contributions_from(conn, id)? {
        return Err(Error::invalid(Entity::Goal, key, "kind", "cannot be hard while the goal has contribution links (only soft goals contribute)"));
    }
    db::goals::update_fields(conn, id, fields)?;
    db::goals::delete_metrics(conn, id)?;
    fields.metrics.iter().try_for_each(|m| db::goals::insert_metric(conn, id, m))?;
    let goal = db::goals::load(conn, key)?;
    Ok((goal.clone(), Change::new(Entity::Goal, key, "updated", json!(goal))))
}

/// Moves a goal along its life cycle; see [`GoalStatus::can_become`].
pub(crate) fn set_status(conn: &Connection, key: &str, status: GoalStatus) -> Result<(Goal, Change)> {
    let (id, from) = db::goals::status_of(conn, key)?.ok_or_else(|| Error::not_found(Entity::Goal, key))?;
    if !from.can_become(status) {
        return Err(Error::InvalidTransition { entity: Entity::Goal, key: key.into(), from: from.to_string(), to: status.to_string() });
    }
    db::goals::set_status(conn, id, status)?;
    let goal = db::goals::load(conn, key)?;
    Ok((goal, Change::new(Entity::Goal, key, "status_changed", json!({ "from": from, "to": status }))))
}

/// Sets a goal's priority alone, with the same range check as its editor.
pub(crate) fn set_priority(conn: &Connection, key: &str, priority: u8) -> Result<(Goal, Change)> {
    let id = id_of(conn, Entity::Goal, key)?;
    check_priority(priority).map_err(|reason| Error::invalid(Entity::Goal, key, "priority", reason))?;
    db::goals::set_priority(conn, id, priority)?;
    let goal = db::goals::load(conn, key)?;
    Ok((goal, Change::new(Entity::Goal, key, "updated", json!({ "priority": priority }))))
}

/// Reparents a goal; refused when the new parent is the goal itself or below it.
pub(crate) fn move_to(conn: &Connection, key: &str, parent: Option<&str>) -> Result<(Goal, Change)> {
    let id = id_of(conn, Entity::Goal, key)?;
    let parent_id = parent.map(|p| id_of(conn, Entity::Goal, p)).transpose()?;
    if let Some(pid) = parent_id {
        // Walking up from the new parent must not meet the goal.
        if let Some(chain) = path(pid, id, |n| Ok::<_, Error>(db::goals::parent_of(conn, n)?.into_iter().collect()))? {
            let mut cycle = keys_of(conn, Entity::Goal, &chain)?;
            cycle.reverse();
            cycle.push(key.to_owned());
            return Err(Error::Cycle { entity: Entity::Goal, relation: "parent", cycle });
        }
    }
    db::goals::set_parent(conn, id, parent_id)?;
    let goal = db::goals::load(conn, key)?;
    Ok((goal, Change::new(Entity::Goal, key, "moved", json!({ "parent": parent }))))
}

pub(crate) fn add_dependency(conn: &Connection, goal: &str, depends_on: &str) -> Result<((), Change)> {
    let from = id_of(conn, Entity::Goal, goal)?;
    let to = id_of(conn, Entity::Goal, depends_on)?;
    insert_dependency(conn, from, to)?;
    Ok(((), Change::new(Entity::Goal, goal, "dependency_added", json!({ "depends_on": depends_on }))))
}

/// Adds `goal → depends_on` unless it closes a cycle; the error carries the cycle.
fn insert_dependency(conn: &Connection, goal: i64, depends_on: i64) -> Result<()> {
    if let Some(back) = path(depends_on, goal, |n| db::goals::dependencies_of(conn, n))? {
        let mut ids = vec![goal];
        ids.extend(back);
        return Err(Error::Cycle { entity: Entity::Goal, relation: "dependencies", cycle: keys_of(conn, Entity::Goal, &ids)? });
    }
    db::goals::insert_dependency(conn, goal, depends_on)
}

pub(crate) fn remove_dependency(conn: &Connection, goal: &str, depends_on: &str) -> Result<((), Change)> {
    let from = id_of(conn, Entity::Goal, goal)?;
    let to = id_of(conn, Entity::Goal, depends_on)?;
    db::goals::delete_dependency(conn, from, to)?;
    Ok(((), Change::new(Entity::Goal, goal, "dependency_removed", json!({ "depends_on": depends_on }))))
}

/// Sets (or with `None` removes) how the soft goal `from` contributes to `to`.
pub(crate) fn set_contribution(conn: &Connection, from: &str, to: &str, kind: Option<ContributionKind>) -> Result<((), Change)> {
    let from_id = id_of(conn, Entity::Goal, from)?;
    let to_id = id_of(conn, Entity::Goal, to)?;
    match kind {
        Some(kind) => {
            if db::goals::kind_of(conn, from_id)? != GoalKind::Soft {
                return Err(Error::invalid(Entity::Goal, from, "contributions", "only soft goals contribute to other goals"));
            }
            if from_id == to_id {
                return Err(Error::invalid(Entity::Goal, from, "contributions", "a goal cannot contribute to itself"));
            }
            db::goals::upsert_contribution(conn, from_id, to_id, kind)?;
        }
        None => db::goals::delete_contribution(conn, from_id, to_id)?,
    }
    Ok(((), Change::new(Entity::Goal, from, "contribution_set", json!({ "to": to, "kind": kind }))))
}

/// What deleting the goal would remove or detach, without changing anything.
pub(crate) fn deletion_preview(conn: &Connection, key: &str) -> Result<GoalDeletion> {
    let id = id_of(conn, Entity::Goal, key)?;
    deletion(conn, id)
}

/// Deletes a goal with its whole subtree, their metrics, links, plans and methods. Tasks
/// survive, detached. Refused while a method of a goal outside the subtree has one of
/// its goals as a subtask.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<(GoalDeletion, Change)> {
    let id = id_of(conn, Entity::Goal, key)?;
    let report = deletion(conn, id)?;
    let goal_ids = db::goals::subtree_ids(conn, id)?;
    let used_by = db::methods::using_goals(conn, &goal_ids)?;
    if !used_by.is_empty() {
        return Err(Error::InUse { entity: Entity::Goal, key: key.into(), used_by });
    }
    for &g in &goal_ids {
        for method in db::methods::ids_of_goal(conn, g)? {
            db::methods::delete(conn, method)?;
        }
    }
    for &g in &goal_ids {
        db::tasks::detach_from_goal(conn, g)?;
        for plan in db::plans::ids_of_goal(conn, g)? {
            plans::delete_rows(conn, plan)?;
        }
        db::goals::delete_metrics(conn, g)?;
        db::goals::delete_links(conn, g)?;
    }
    // Children before parents, so that no row ever points at a deleted parent.
    for &g in goal_ids.iter().rev() {
        db::goals::delete(conn, g)?;
    }
    Ok((report.clone(), Change::new(Entity::Goal, key, "deleted", json!(report))))
}

fn deletion(conn: &Connection, id: i64) -> Result<GoalDeletion> {
    let goal_ids = db::goals::subtree_ids(conn, id)?;
    let mut report = GoalDeletion { goals: keys_of(conn, Entity::Goal, &goal_ids)?, ..Default::default() };
    let mut tasks = BTreeSet::new();
    let mut links = BTreeSet::new();
    for &g in &goal_ids {
        report.plans.extend(keys_of(conn, Entity::Plan, &db::plans::ids_of_goal(conn, g)?)?);
        tasks.extend(db::tasks::keys_of_goal(conn, g)?);
        links.extend(db::goals::links_of(conn, g)?);
    }
    report.methods = db::methods::keys_of_goals(conn, &goal_ids)?;
    report.detached_tasks = tasks.into_iter().collect();
    report.links = links.len();
    Ok(report)
}

/// Every goal as a tree row, depth first: each goal is followed by its subtree,
/// siblings in creation order. (Creation order alone would not do: a goal moved under a
/// newer one would come before its parent.)
pub(crate) fn tree(conn: &Connection) -> Result<Vec<GoalNode>> {
    Ok(depth_first(db::goals::load_nodes(conn)?))
}

/// A goal and all its descendants, breadth first.
pub(crate) fn subtree(conn: &Connection, key: &str) -> Result<Vec<GoalNode>> {
    let rows = db::goals::load_subtree_nodes(conn, key)?;
    if rows.is_empty() {
        return Err(Error::not_found(Entity::Goal, key));
    }
    Ok(rows)
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
