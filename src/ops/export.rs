//! Export reads: a whole workspace, or one plan with what it needs, as a [`Document`].

use crate::db;
use crate::db::export::Scope;
use crate::domain::Effect;
use crate::export::v1::{Document, DocumentKind};
use crate::export::write::{confine_to_plan, envelope, method_doc, sort};
use crate::Result;
use rusqlite::Connection;

/// The whole workspace: everything but the event log and the undo history.
pub(crate) fn workspace(conn: &Connection) -> Result<Document> {
    let mut doc = envelope(DocumentKind::Workspace);
    doc.capabilities = db::export::capabilities(conn)?;
    doc.agents = db::export::agents(conn, Scope::All)?;
    doc.goals = db::export::goals(conn, Scope::All)?;
    doc.actions = db::export::actions(conn, Scope::All)?;
    doc.methods = db::methods::load_all(conn, None)?.into_iter().map(method_doc).collect();
    doc.plans = db::export::plans(conn, Scope::All)?;
    doc.tasks = db::export::tasks(conn, Scope::All)?;
    // Read in key order: a world state is a sorted map.
    doc.world_state = db::world::load(conn)?.into_iter().map(|(key, value)| Effect { key, value }).collect();
    sort(&mut doc);
    Ok(doc)
}

/// One plan with its goal's subtree, the actions its steps use, the tasks made from its
/// steps, the agents assigned to those tasks and every capability these mention. Links
/// to anything outside the file are left out, so that the file stands alone.
pub(crate) fn plan(conn: &Connection, key: &str) -> Result<Document> {
    let scope = db::export::plan_scope(conn, key)?;
    let goal_ids = db::goals::subtree_ids(conn, scope.goal)?;
    let mut doc = envelope(DocumentKind::Plan);
    doc.agents = db::export::agents(conn, Scope::Only(&scope.agents))?;
    doc.goals = db::export::goals(conn, Scope::Only(&goal_ids))?;
    doc.actions = db::export::actions(conn, Scope::Only(&scope.actions))?;
    doc.plans = db::export::plans(conn, Scope::Only(&[scope.plan]))?;
    doc.tasks = db::export::tasks(conn, Scope::Only(&scope.tasks))?;
    confine_to_plan(&mut doc);
    sort(&mut doc);
    Ok(doc)
}
