//! The read side: tree and list queries, derived totals and workloads, and the query
//! plans that keep them fast. The workspaces are `workspaces::goal_tree` and
//! `workspaces::task_board`.

mod common;
use common::builders::goal;
use common::workspaces;
use mabos_planner::*;
use std::collections::HashSet;

fn keys<T>(list: &[T], key: impl Fn(&T) -> &str) -> Vec<String> {
    list.iter().map(|x| key(x).to_owned()).collect()
}

/// Checks the order of the goal tree: every goal after its parent, siblings in creation
/// order (the fixtures create `G-n` in the order of n), every goal once.
#[track_caller]
fn check_tree(s: &Store) {
    let tree = s.goal_tree().unwrap();
    let mut seen = HashSet::new();
    for (i, node) in tree.iter().enumerate() {
        if let Some(parent) = &node.parent {
            assert!(seen.contains(parent), "{} comes before its parent {parent}: {:?}", node.key, keys(&tree, |n| &n.key));
        }
        let younger_sibling = tree[..i].iter().find(|n| n.parent == node.parent && number(&n.key) > number(&node.key));
        assert!(younger_sibling.is_none(), "{} comes after its younger sibling {younger_sibling:?}", node.key);
        seen.insert(node.key.clone());
    }
    assert_eq!(seen.len(), tree.len());
    assert_eq!(seen.len() as i64, s.connection().query_row("SELECT count(*) FROM goals", [], |r| r.get::<_, i64>(0)).unwrap());
}

fn number(key: &str) -> u32 {
    key.trim_start_matches("G-").parse().unwrap()
}

#[test]
fn the_goal_tree_lists_parents_before_children() {
    let mut s = workspaces::goal_tree();
    check_tree(&s);
    let g4 = s.goal_tree().unwrap().into_iter().find(|n| n.key == "G-4").unwrap();
    assert_eq!(g4, GoalNode { key: "G-4".into(), title: "G-4".into(), parent: Some("G-2".into()), priority: 5, kind: GoalKind::Hard, status: GoalStatus::Pending });
    // Older goals moved under newer ones still follow their parents.
    for (goal, parent) in [("G-1", Some("G-5")), ("G-4", None), ("G-2", Some("G-4")), ("G-3", Some("G-2")), ("G-5", Some("G-3"))] {
        s.move_goal(goal, parent).unwrap();
        check_tree(&s);
    }
    // A long chain where every parent is newer than its child, with a few siblings.
    let mut s = Store::open_in_memory().unwrap();
    for n in 1..=12 {
        s.create_goal(Some(&format!("G-{n}")), None, &GoalFields::titled("G")).unwrap();
    }
    for n in 1..=11 {
        let parent = if n % 3 == 0 { 12 } else { n + 1 };
        s.move_goal(&format!("G-{n}"), Some(&format!("G-{parent}"))).unwrap();
        check_tree(&s);
    }
}

#[test]
fn a_subtree_is_the_goal_and_all_its_descendants() {
    let mut s = workspaces::goal_tree();
    let check = |s: &Store, key: &str, expected: &[&str]| {
        let sub = s.goal_subtree(key).unwrap();
        assert_eq!(sub[0].key, key, "the goal itself comes first");
        for (i, node) in sub.iter().enumerate().skip(1) {
            assert!(sub[..i].iter().any(|n| Some(&n.key) == node.parent.as_ref()), "{} before its parent", node.key);
        }
        let mut got = keys(&sub, |n| &n.key);
        got.sort();
        assert_eq!(got, expected, "subtree of {key}");
    };
    check(&s, "G-1", &["G-1", "G-2", "G-3", "G-4"]);
    check(&s, "G-2", &["G-2", "G-4"]);
    check(&s, "G-4", &["G-4"]);
    check(&s, "G-5", &["G-5"]);
    s.move_goal("G-2", Some("G-5")).unwrap();
    check(&s, "G-1", &["G-1", "G-3"]);
    check(&s, "G-5", &["G-2", "G-4", "G-5"]);
    assert_eq!(s.goal_subtree("G-5").unwrap()[1].parent.as_deref(), Some("G-5"));
}

#[test]
fn goals_by_status_come_most_important_first() {
    let mut s = Store::open_in_memory().unwrap();
    for (key, priority) in [("G-1", 3), ("G-2", 9), ("G-3", 5), ("G-4", 9), ("G-5", 1)] {
        goal(key).priority(priority).create(&mut s);
    }
    s.set_goal_status("G-5", GoalStatus::Active).unwrap();
    s.set_goal_status("G-3", GoalStatus::Active).unwrap();
    let check = |s: &Store, status, expected: &[&str]| assert_eq!(keys(&s.goals_by_status(status).unwrap(), |n| &n.key), expected, "{status}");
    check(&s, GoalStatus::Pending, &["G-2", "G-4", "G-1"]);
    check(&s, GoalStatus::Active, &["G-3", "G-5"]);
    check(&s, GoalStatus::Achieved, &[]);
}

#[test]
fn plan_summaries_total_their_steps() {
    let mut s = workspaces::goal_tree();
    s.create_action(Some("A-CHEAP"), &ActionFields::named("cheap", 2.5, 1.0)).unwrap();
    s.create_action(Some("A-DEAR"), &ActionFields::named("dear", 100.0, 1.0)).unwrap();
    for (plan, goal) in [("P-1", "G-1"), ("P-2", "G-1"), ("P-3", "G-2")] {
        s.create_plan(Some(plan), goal, &PlanFields::titled(plan)).unwrap();
    }
    for action in ["A-CHEAP", "A-DEAR", "A-CHEAP"] {
        s.add_step("P-1", None, action, "").unwrap();
    }
    s.add_step("P-3", None, "A-DEAR", "").unwrap();
    let summary = |p: &PlanSummary| (p.key.clone(), p.goal.clone(), p.steps, p.total_cost);
    let check = |s: &Store, goal: Option<&str>, expected: &[(&str, &str, u32, f64)]| {
        let expected: Vec<_> = expected.iter().map(|(p, g, n, c)| (p.to_string(), g.to_string(), *n, *c)).collect();
        assert_eq!(s.plans(goal).unwrap().iter().map(summary).collect::<Vec<_>>(), expected, "{goal:?}");
    };
    check(&s, Some("G-1"), &[("P-1", "G-1", 3, 105.0), ("P-2", "G-1", 0, 0.0)]);
    check(&s, Some("G-2"), &[("P-3", "G-2", 1, 100.0)]);
    check(&s, Some("G-4"), &[]);
    check(&s, None, &[("P-1", "G-1", 3, 105.0), ("P-2", "G-1", 0, 0.0), ("P-3", "G-2", 1, 100.0)]);
    // Totals follow the actions' costs.
    s.update_action("A-CHEAP", &ActionFields::named("cheap", 0.0, 1.0)).unwrap();
    check(&s, Some("G-1"), &[("P-1", "G-1", 3, 100.0), ("P-2", "G-1", 0, 0.0)]);
    let p1 = s.plans(Some("G-1")).unwrap().remove(0);
    assert_eq!((p1.title.as_str(), p1.status, p1.priority), ("P-1", PlanStatus::Draft, 5));
}

#[test]
fn a_plan_carries_its_steps_and_edges() {
    let mut s = workspaces::goal_tree();
    s.create_action(Some("A-1"), &ActionFields::named("a", 1.0, 1.0)).unwrap();
    let mut fields = PlanFields::titled("Plan");
    fields.budget = Some(50.0);
    fields.deadline = Some("2026-06-30T12:00:00+01:00".into());
    fields.constraints.push(Condition::new("cash", Op::Ge, Value::Int(0)));
    s.create_plan(Some("P-1"), "G-2", &fields).unwrap();
    s.add_step("P-1", None, "A-1", "first").unwrap();
    s.add_step("P-1", Some("build"), "A-1", "").unwrap();
    s.add_step("P-1", None, "A-1", "").unwrap();
    s.add_edge("P-1", "S1", "S3").unwrap();
    s.add_edge("P-1", "S1", "build").unwrap();
    s.add_edge("P-1", "build", "S3").unwrap();
    s.add_edge("P-1", "build", "S3").unwrap(); // Adding an edge twice keeps one.
    let plan = s.plan("P-1").unwrap();
    let step = |key: &str, note: &str| Step { key: key.into(), action: "A-1".into(), note: note.into() };
    let edge = |b: &str, a: &str| PlanEdge { before: b.into(), after: a.into() };
    assert_eq!(plan.steps, [step("S1", "first"), step("build", ""), step("S3", "")]);
    assert_eq!(plan.edges, [edge("S1", "build"), edge("S1", "S3"), edge("build", "S3")]);
    assert_eq!((plan.goal.as_str(), plan.status), ("G-2", PlanStatus::Draft));
    fields.deadline = Some("2026-06-30T11:00:00.000Z".into());
    assert_eq!(plan.fields, fields);
    s.remove_edge("P-1", "S1", "S3").unwrap();
    assert_eq!(s.plan("P-1").unwrap().edges, [edge("S1", "build"), edge("build", "S3")]);
}

#[test]
fn plan_totals_sum_costs_and_take_the_longest_path() {
    let mut s = workspaces::goal_tree();
    s.create_action(Some("A-SHORT"), &ActionFields::named("short", 10.0, 2.0)).unwrap();
    s.create_action(Some("A-LONG"), &ActionFields::named("long", 1.0, 8.0)).unwrap();
    s.create_plan(Some("P-1"), "G-1", &PlanFields::titled("diamond")).unwrap();
    let totals = |s: &Store| {
        let t = s.plan_totals("P-1").unwrap();
        (t.steps, t.cost, t.duration)
    };
    assert_eq!(totals(&s), (0, 0.0, 0.0));
    for action in ["A-SHORT", "A-LONG", "A-SHORT", "A-SHORT"] {
        s.add_step("P-1", None, action, "").unwrap();
    }
    // Unordered steps run side by side: the longest one decides.
    assert_eq!(totals(&s), (4, 31.0, 8.0));
    // S1 before S2 and S3, both before S4: 2 + max(8, 2) + 2.
    for (b, a) in [("S1", "S2"), ("S1", "S3"), ("S2", "S4"), ("S3", "S4")] {
        s.add_edge("P-1", b, a).unwrap();
    }
    assert_eq!(totals(&s), (4, 31.0, 12.0));
    s.remove_step("P-1", "S2").unwrap();
    assert_eq!(totals(&s), (3, 30.0, 6.0));
    assert!(matches!(s.plan_totals("P-404"), Err(Error::NotFound { entity: Entity::Plan, .. })));
}

#[test]
fn tasks_filter_on_every_field() {
    let s = workspaces::task_board();
    let check = |filter: TaskFilter, expected: &[&str]| {
        assert_eq!(keys(&s.tasks(&filter).unwrap(), |t| &t.key), expected, "{filter:?}");
    };
    let plan = |p: &str| Some(p.to_string());
    let agent = |a: &str| Some(Some(a.to_string()));
    // Most important first, then by key.
    check(TaskFilter::default(), &["T-6", "T-2", "T-1", "T-3", "T-5", "T-7", "T-4"]);
    check(TaskFilter { plan: plan("P-1"), ..Default::default() }, &["T-2", "T-1"]);
    check(TaskFilter { plan: plan("P-2"), ..Default::default() }, &["T-3", "T-5"]);
    check(TaskFilter { goal: plan("G-1"), ..Default::default() }, &["T-2", "T-1", "T-7"]);
    check(TaskFilter { goal: plan("G-4"), ..Default::default() }, &[]);
    check(TaskFilter { status: Some(TaskStatus::Todo), ..Default::default() }, &["T-6", "T-1", "T-7"]);
    check(TaskFilter { status: Some(TaskStatus::Done), ..Default::default() }, &["T-4"]);
    check(TaskFilter { assignee: agent("AG-1"), ..Default::default() }, &["T-2", "T-1", "T-3", "T-4"]);
    check(TaskFilter { assignee: agent("AG-3"), ..Default::default() }, &[]);
    check(TaskFilter { assignee: Some(None), ..Default::default() }, &["T-7"]);
    // Every field narrows.
    check(TaskFilter { goal: plan("G-1"), status: Some(TaskStatus::Todo), ..Default::default() }, &["T-1", "T-7"]);
    check(TaskFilter { goal: plan("G-1"), status: Some(TaskStatus::Todo), assignee: Some(None), ..Default::default() }, &["T-7"]);
    check(TaskFilter { plan: plan("P-2"), assignee: agent("AG-2"), ..Default::default() }, &["T-5"]);
    check(TaskFilter { plan: plan("P-2"), goal: plan("G-2"), status: Some(TaskStatus::Blocked), assignee: agent("AG-1") }, &["T-3"]);
    check(TaskFilter { plan: plan("P-1"), goal: plan("G-2"), ..Default::default() }, &[]);
    // What the list says of each task.
    let t3 = s.task("T-3").unwrap();
    let listed = s.tasks(&TaskFilter { status: Some(TaskStatus::Blocked), ..Default::default() }).unwrap();
    assert_eq!(listed, std::slice::from_ref(&t3));
    assert_eq!(t3.fields.step, Some(StepRef { plan: "P-2".into(), step: "S1".into() }));
    assert_eq!((t3.assignee.as_deref(), t3.fields.goal.as_deref()), (Some("AG-1"), Some("G-2")));
}

#[test]
fn workload_sums_the_effort_of_open_tasks() {
    let mut s = workspaces::task_board();
    let check = |s: &Store, expected: &[(&str, f64, u32)]| {
        let got: Vec<(String, f64, u32)> = s.agents().unwrap().into_iter().map(|a| (a.key, a.workload, a.open_tasks)).collect();
        let expected: Vec<(String, f64, u32)> = expected.iter().map(|(k, w, n)| (k.to_string(), *w, *n)).collect();
        assert_eq!(got, expected);
        for (key, workload, open) in expected {
            let agent = s.agent(&key).unwrap();
            assert_eq!((agent.workload, agent.open_tasks), (workload, open), "{key}");
        }
    };
    // AG-1: T-1 todo 1 + T-2 in progress 2 + T-3 blocked 4, not T-4 done 8.
    // AG-2: T-6 todo 0.5, not T-5 failed 16.
    check(&s, &[("AG-1", 7.0, 3), ("AG-2", 0.5, 1), ("AG-3", 0.0, 0)]);
    s.set_task_status("T-2", TaskStatus::Done).unwrap();
    check(&s, &[("AG-1", 5.0, 2), ("AG-2", 0.5, 1), ("AG-3", 0.0, 0)]);
    s.set_task_status("T-5", TaskStatus::Todo).unwrap();
    check(&s, &[("AG-1", 5.0, 2), ("AG-2", 16.5, 2), ("AG-3", 0.0, 0)]);
    s.assign_task("T-7", Some("AG-3")).unwrap();
    s.assign_task("T-1", Some("AG-3")).unwrap();
    check(&s, &[("AG-1", 4.0, 1), ("AG-2", 16.5, 2), ("AG-3", 33.0, 2)]);
    assert!(s.agent("AG-3").unwrap().is_over_capacity());
    let mut t7 = s.task("T-7").unwrap().fields;
    t7.effort = 2.0;
    s.update_task("T-7", &t7).unwrap();
    s.set_task_status("T-3", TaskStatus::Failed).unwrap();
    check(&s, &[("AG-1", 0.0, 0), ("AG-2", 16.5, 2), ("AG-3", 3.0, 2)]);
    s.undo().unwrap();
    check(&s, &[("AG-1", 4.0, 1), ("AG-2", 16.5, 2), ("AG-3", 3.0, 2)]);
}

/// The `detail` column of EXPLAIN QUERY PLAN, one line per step.
fn query_plan(s: &Store, sql: &str) -> Vec<String> {
    let mut stmt = s.connection().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    let rows = stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3)).unwrap();
    rows.map(Result::unwrap).collect()
}

fn uses_index(line: &str, index: &str) -> bool {
    line.contains(&format!("USING INDEX {index} ")) || line.contains(&format!("USING COVERING INDEX {index} "))
}

#[test]
fn the_subtree_query_seeks_on_goals_parent() {
    let s = workspaces::goal_tree();
    // As in store/goals.rs, `goal_subtree`.
    let sql = "WITH RECURSIVE sub(id, depth) AS (
                SELECT id, 0 FROM goals WHERE key = ?1
                UNION ALL
                SELECT c.id, sub.depth + 1 FROM sub JOIN goals c ON c.parent_id = sub.id
            )
            SELECT g.key, g.title, p.key, g.priority, g.kind, g.status FROM sub CROSS JOIN goals g ON g.id = sub.id LEFT JOIN goals p ON p.id = g.parent_id
            ORDER BY sub.depth, g.id";
    let plan = query_plan(&s, sql);
    assert!(plan.iter().any(|l| uses_index(l, "goals_parent") && l.contains("parent_id=?")), "{plan:#?}");
    let scans: Vec<&String> = plan.iter().filter(|l| l.starts_with("SCAN") && !l.starts_with("SCAN sub")).collect();
    assert!(scans.is_empty(), "{plan:#?}");
}

#[test]
fn the_tasks_per_agent_query_uses_tasks_assignee_status() {
    let s = workspaces::task_board();
    // As in store/agents.rs, `load_agents`: the workload of each agent.
    let sql = "SELECT a.id, a.key, a.name, a.experience, a.capacity, a.active,
                coalesce(sum(t.effort), 0.0), count(t.id)
         FROM agents a LEFT JOIN tasks t ON t.assignee_id = a.id AND t.status IN ('todo', 'in_progress', 'blocked')
         WHERE ?1 IS NULL OR a.id = ?1
         GROUP BY a.id ORDER BY a.key";
    let plan = query_plan(&s, sql);
    assert!(plan.iter().any(|l| uses_index(l, "tasks_assignee_status") && l.contains("assignee_id=?")), "{plan:#?}");
    assert!(!plan.iter().any(|l| l.starts_with("SCAN t")), "{plan:#?}");
    // As in store/tasks.rs and agents.rs: the tasks an agent holds.
    let plan = query_plan(&s, "SELECT id FROM tasks WHERE assignee_id = ?1 ORDER BY key");
    assert!(plan.iter().any(|l| uses_index(l, "tasks_assignee_status")), "{plan:#?}");
}
