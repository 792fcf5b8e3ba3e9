//! The monitor's whole-table queries: what open tasks wait on, and every task not done.

use crate::execution::TaskBrief;
use crate::Result;
use rusqlite::Connection;
use std::collections::HashMap;

/// For every task to do or blocked, the unfinished tasks it waits on, by key.
pub(crate) fn load_waiting(conn: &Connection) -> Result<HashMap<i64, Vec<String>>> {
    let mut waiting: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT x.task_id, d.key FROM task_dependencies x JOIN tasks t ON t.id = x.task_id JOIN tasks d ON d.id = x.depends_on_id
         WHERE t.status IN ('todo', 'blocked') AND d.status <> 'done' ORDER BY d.key",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (task, on) = row?;
        waiting.entry(task).or_default().push(on);
    }
    Ok(waiting)
}

/// Every task not done, with its id, most important first.
pub(crate) fn load_open_briefs(conn: &Connection) -> Result<Vec<(i64, TaskBrief)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.key, t.title, t.status, t.priority, t.effort, t.deadline, a.key, p.key
         FROM tasks t LEFT JOIN agents a ON a.id = t.assignee_id
         LEFT JOIN plan_steps s ON s.id = t.step_id LEFT JOIN plans p ON p.id = s.plan_id
         WHERE t.status <> 'done' ORDER BY t.priority DESC, t.key",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            TaskBrief {
                key: r.get(1)?,
                title: r.get(2)?,
                status: r.get(3)?,
                priority: r.get(4)?,
                effort: r.get(5)?,
                deadline: r.get(6)?,
                assignee: r.get(7)?,
                plan: r.get(8)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
