//! The deletion rules: what each deletion takes with it, what it detaches, what it
//! refuses — and that no row is ever left pointing at a deleted one. The workspace is
//! `workspaces::linked_goals`.

mod common;
use common::{dump, orphans, strings, workspaces};
use mabos_planner::*;
use std::collections::{BTreeMap, BTreeSet};

fn count(store: &Store, table: &str) -> i64 {
    store.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// What the public API shows of the parts a goal deletion touches.
#[derive(Debug, PartialEq)]
struct View {
    goals: BTreeSet<String>,
    plans: BTreeSet<String>,
    /// Task → (goal, step).
    tasks: BTreeMap<String, (Option<String>, Option<StepRef>)>,
    links: BTreeSet<String>,
}

fn view(s: &Store) -> View {
    let goals: BTreeSet<String> = s.goal_tree().unwrap().into_iter().map(|g| g.key).collect();
    let mut links: BTreeSet<String> = s.goal_dependencies().unwrap().into_iter().map(|(a, b)| format!("{a} needs {b}")).collect();
    for g in &goals {
        links.extend(s.goal(g).unwrap().contributions.into_iter().map(|c| format!("{g} {} {}", c.kind, c.to)));
    }
    View {
        goals,
        plans: s.plans(None).unwrap().into_iter().map(|p| p.key).collect(),
        tasks: s.tasks(&TaskFilter::default()).unwrap().into_iter().map(|t| (t.key, (t.fields.goal, t.fields.step))).collect(),
        links,
    }
}

/// Deletes `goal` and checks the report against the preview and against what changed.
#[track_caller]
fn check_goal_deletion(s: &mut Store, goal: &str) -> GoalDeletion {
    let preview = s.goal_deletion_preview(goal).unwrap();
    let before = view(s);
    let report = s.delete_goal(goal).unwrap();
    let after = view(s);
    assert_eq!(report, preview, "the preview of deleting {goal} differs from the deletion");
    let gone = |b: &BTreeSet<String>, a: &BTreeSet<String>| b.difference(a).cloned().collect::<BTreeSet<_>>();
    assert_eq!(gone(&before.goals, &after.goals), report.goals.iter().cloned().collect(), "goals");
    assert_eq!(gone(&before.plans, &after.plans), report.plans.iter().cloned().collect(), "plans");
    assert_eq!(gone(&before.links, &after.links).len(), report.links, "links");
    assert!(after.links.is_subset(&before.links));
    assert_eq!(before.tasks.keys().collect::<Vec<_>>(), after.tasks.keys().collect::<Vec<_>>(), "a task was deleted");
    let detached: Vec<String> = before.tasks.iter().filter(|(k, v)| after.tasks[*k] != **v).map(|(k, _)| k.clone()).collect();
    assert_eq!(detached, report.detached_tasks, "detached tasks");
    for (key, (goal, step)) in &after.tasks {
        if let Some(goal) = goal {
            assert!(after.goals.contains(goal), "{key} still points at goal {goal}");
        }
        if let Some(step) = step {
            assert!(after.plans.contains(&step.plan), "{key} still points at step {step:?}");
        }
    }
    assert_eq!(orphans(s), Vec::<String>::new());
    report
}

#[test]
fn deleting_a_goal_takes_its_subtree_and_detaches_tasks() {
    let mut s = workspaces::linked_goals();
    let report = check_goal_deletion(&mut s, "G-A");
    assert_eq!(
        report,
        GoalDeletion {
            goals: strings(&["G-A", "G-A1", "G-A2"]),
            plans: strings(&["P-A", "P-A1"]),
            detached_tasks: strings(&["T-GOAL", "T-STEP"]),
            links: 4,
            methods: vec![],
        }
    );
    assert_eq!(s.goal_dependencies().unwrap(), [("G-OTHER".to_string(), "G-B".to_string())]);
    assert_eq!(s.goal("G-SOFT").unwrap().contributions, Vec::<Contribution>::new());
    assert_eq!(count(&s, "goal_metrics"), 0);
    assert_eq!((count(&s, "plan_steps"), count(&s, "plan_edges")), (1, 0));
    let t = s.task("T-STEP").unwrap();
    assert_eq!((t.fields.goal.as_deref(), t.fields.step, t.requires), (Some("G-OTHER"), None, vec![]));
    assert_eq!(s.task("T-GOAL").unwrap().fields.goal, None);
    assert_eq!(s.task("T-B").unwrap().fields.step, Some(StepRef { plan: "P-B".into(), step: "S1".into() }));
    // The assignment and the dependency of a detached task stay.
    assert_eq!(t.assignee.as_deref(), Some("AG-1"));
    assert_eq!(t.depends_on, ["T-FREE"]);
}

#[test]
fn every_goal_deletion_matches_its_preview() {
    let keys: Vec<String> = workspaces::linked_goals().goal_tree().unwrap().into_iter().map(|g| g.key).collect();
    for key in keys {
        let mut s = workspaces::linked_goals();
        let before = dump(&s);
        check_goal_deletion(&mut s, &key);
        s.undo().unwrap();
        assert_eq!(dump(&s), before, "undoing the deletion of {key}");
    }
    // Deleting the roots one by one empties the goal tree and every plan.
    let mut s = workspaces::linked_goals();
    for root in ["G-ROOT", "G-OTHER", "G-SOFT"] {
        check_goal_deletion(&mut s, root);
    }
    for table in ["goals", "goal_metrics", "goal_dependencies", "goal_contributions", "plans", "plan_steps", "plan_edges"] {
        assert_eq!(count(&s, table), 0, "{table}");
    }
    assert_eq!(count(&s, "tasks"), 4);
}

#[test]
fn deleting_a_plan_detaches_the_tasks_made_from_its_steps() {
    let mut s = workspaces::linked_goals();
    s.delete_plan("P-A").unwrap();
    assert!(matches!(s.plan("P-A"), Err(Error::NotFound { entity: Entity::Plan, .. })));
    assert_eq!(s.task("T-STEP").unwrap().fields.step, None);
    assert_eq!(s.task("T-STEP").unwrap().fields.goal.as_deref(), Some("G-OTHER"));
    assert_eq!(s.task("T-B").unwrap().fields.step, Some(StepRef { plan: "P-B".into(), step: "S1".into() }));
    assert_eq!((count(&s, "plan_steps"), count(&s, "plan_edges")), (2, 0));
    assert!(s.goal("G-A").is_ok());
    assert_eq!(orphans(&s), Vec::<String>::new());
}

#[test]
fn removing_a_step_removes_its_edges_and_detaches_its_tasks() {
    let mut s = workspaces::linked_goals();
    s.add_step("P-A", None, "A-1", "").unwrap(); // S3
    s.add_edge("P-A", "S2", "S3").unwrap();
    s.add_edge("P-A", "S1", "S3").unwrap();
    s.remove_step("P-A", "S1").unwrap();
    let plan = s.plan("P-A").unwrap();
    assert_eq!(plan.steps.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(), ["S2", "S3"]);
    assert_eq!(plan.edges, [PlanEdge { before: "S2".into(), after: "S3".into() }]);
    assert_eq!(s.task("T-STEP").unwrap().fields.step, None);
    assert_eq!(orphans(&s), Vec::<String>::new());
}

#[test]
fn deleting_an_agent_unassigns_its_tasks() {
    let mut s = workspaces::linked_goals();
    s.set_task_status("T-FREE", TaskStatus::Done).unwrap();
    assert_eq!(s.delete_agent("AG-1").unwrap(), ["T-FREE", "T-STEP"]);
    for t in s.tasks(&TaskFilter::default()).unwrap() {
        assert_eq!(t.assignee, None, "{}", t.key);
    }
    assert_eq!(s.agents().unwrap(), Vec::<Agent>::new());
    assert_eq!(s.capabilities().unwrap(), [Capability { name: "web".into(), agents: 0, actions: 1 }]);
    assert_eq!(orphans(&s), Vec::<String>::new());
}

#[test]
fn deleting_a_task_removes_its_dependency_links_both_ways() {
    let mut s = workspaces::linked_goals();
    s.create_task(Some("T-LAST"), &TaskFields::titled("last", 1.0)).unwrap();
    s.add_task_dependency("T-LAST", "T-STEP").unwrap(); // T-LAST → T-STEP → T-FREE
    s.delete_task("T-STEP").unwrap();
    assert!(matches!(s.task("T-STEP"), Err(Error::NotFound { entity: Entity::Task, .. })));
    assert_eq!(s.task("T-LAST").unwrap().depends_on, Vec::<String>::new());
    assert_eq!(count(&s, "task_dependencies"), 0);
    assert_eq!(s.agent("AG-1").unwrap().open_tasks, 1);
    assert_eq!(orphans(&s), Vec::<String>::new());
}

#[test]
fn what_is_in_use_is_not_deleted_until_freed() {
    let mut s = workspaces::linked_goals();
    let before = dump(&s);
    let in_use = |entity, key: &str, by: &[&str]| format!("{:?}", Error::InUse { entity, key: key.into(), used_by: strings(by) });
    let refused = s.delete_action("A-1").unwrap_err();
    assert_eq!(format!("{refused:?}"), in_use(Entity::Action, "A-1", &["plan P-A", "plan P-A1", "plan P-B"]));
    let refused = s.delete_capability("web").unwrap_err();
    assert_eq!(format!("{refused:?}"), in_use(Entity::Capability, "web", &["action A-1", "agent AG-1"]));
    assert_eq!(dump(&s), before);
    // Free them, then they go.
    for plan in ["P-A", "P-A1", "P-B"] {
        s.delete_plan(plan).unwrap();
    }
    s.delete_action("A-1").unwrap();
    let refused = s.delete_capability("web").unwrap_err();
    assert_eq!(format!("{refused:?}"), in_use(Entity::Capability, "web", &["agent AG-1"]));
    s.delete_agent("AG-1").unwrap();
    s.delete_capability("web").unwrap();
    assert_eq!(s.capabilities().unwrap(), Vec::<Capability>::new());
    for table in ["actions", "action_capabilities", "agents", "agent_capabilities", "capabilities", "plan_steps"] {
        assert_eq!(count(&s, table), 0, "{table}");
    }
    assert_eq!(orphans(&s), Vec::<String>::new());
}
