//! Invariants that no example covers: random sequences of gestures, valid and invalid,
//! with every invariant checked after every step.
//!
//! `PROPTEST_CASES=1000 cargo test --test invariants` runs more cases than the default 64.

mod common;
use common::{dump, seeded};
use mabos_planner::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Picks an existing entity by index, or (now and then, or when there is none) a key
/// that names nothing.
type Pick = u8;

#[derive(Clone, Debug)]
enum Op {
    CreateGoal { parent: Option<Pick>, soft: bool, priority: u8 },
    MoveGoal { goal: Pick, parent: Option<Pick> },
    AddGoalDependency { goal: Pick, on: Pick },
    RemoveGoalDependency { goal: Pick, on: Pick },
    SetContribution { from: Pick, to: Pick, kind: Option<ContributionKind> },
    CreateAgent { capabilities: Vec<(u8, u8)>, capacity: f64, active: bool },
    UpdateAgent { agent: Pick, capabilities: Vec<(u8, u8)>, active: bool },
    CreateAction { requires: Vec<(u8, u8)>, cost: f64 },
    UpdateAction { action: Pick, requires: Vec<(u8, u8)> },
    CreatePlan { goal: Pick },
    AddStep { plan: Pick, action: Pick },
    UpdateStep { plan: Pick, step: Pick, action: Pick },
    RemoveStep { plan: Pick, step: Pick },
    AddEdge { plan: Pick, before: Pick, after: Pick },
    CreateTask { step: Option<(Pick, Pick)>, goal: Option<Pick>, effort: f64 },
    MoveTaskToStep { task: Pick, step: Option<(Pick, Pick)> },
    AssignTask { task: Pick, agent: Option<Pick> },
    AssignTasks { tasks: Vec<Pick>, agent: Option<Pick> },
    EditGoals { goals: Vec<Pick>, status: Option<GoalStatus>, priority: Option<u8>, parent: Option<Option<Pick>> },
    RemoveSteps { plan: Pick, steps: Vec<Pick> },
    SetTaskStatus { task: Pick, status: TaskStatus },
    AddTaskDependency { task: Pick, on: Pick },
    DeleteGoal(Pick),
    DeletePlan(Pick),
    DeleteAgent(Pick),
    DeleteTask(Pick),
    DeleteAction(Pick),
    Undo,
    Redo,
}

/// Capability names by index; the last one is malformed.
const CAPABILITIES: [&str; 4] = ["web", "db", "ops", " web"];

fn op() -> impl Strategy<Value = Op> {
    let pick = any::<Pick>;
    // Levels 0 and 6 and the malformed name are refused.
    let capabilities = || prop::collection::vec((0u8..7, 0u8..=6), 0..3);
    let amount = || prop::sample::select(vec![0.0, 0.5, 1.0, 2.0, 4.0, 8.0, -1.0, f64::NAN]);
    let step = move || (pick(), pick());
    prop_oneof![
        4 => (prop::option::of(pick()), any::<bool>(), 0u8..=11).prop_map(|(parent, soft, priority)| Op::CreateGoal { parent, soft, priority }),
        2 => (pick(), prop::option::of(pick())).prop_map(|(goal, parent)| Op::MoveGoal { goal, parent }),
        3 => (pick(), pick()).prop_map(|(goal, on)| Op::AddGoalDependency { goal, on }),
        1 => (pick(), pick()).prop_map(|(goal, on)| Op::RemoveGoalDependency { goal, on }),
        2 => (pick(), pick(), prop::option::of(prop::sample::select(ContributionKind::ALL))).prop_map(|(from, to, kind)| Op::SetContribution { from, to, kind }),
        2 => (capabilities(), amount(), prop::bool::weighted(0.8)).prop_map(|(capabilities, capacity, active)| Op::CreateAgent { capabilities, capacity, active }),
        3 => (pick(), capabilities(), prop::bool::weighted(0.7)).prop_map(|(agent, capabilities, active)| Op::UpdateAgent { agent, capabilities, active }),
        2 => (capabilities(), amount()).prop_map(|(requires, cost)| Op::CreateAction { requires, cost }),
        2 => (pick(), capabilities()).prop_map(|(action, requires)| Op::UpdateAction { action, requires }),
        2 => pick().prop_map(|goal| Op::CreatePlan { goal }),
        4 => (pick(), pick()).prop_map(|(plan, action)| Op::AddStep { plan, action }),
        1 => (pick(), pick(), pick()).prop_map(|(plan, step, action)| Op::UpdateStep { plan, step, action }),
        1 => (pick(), pick()).prop_map(|(plan, step)| Op::RemoveStep { plan, step }),
        4 => (pick(), pick(), pick()).prop_map(|(plan, before, after)| Op::AddEdge { plan, before, after }),
        4 => (prop::option::of(step()), prop::option::of(pick()), amount()).prop_map(|(step, goal, effort)| Op::CreateTask { step, goal, effort }),
        1 => (pick(), prop::option::of(step())).prop_map(|(task, step)| Op::MoveTaskToStep { task, step }),
        5 => (pick(), prop::option::weighted(0.8, pick())).prop_map(|(task, agent)| Op::AssignTask { task, agent }),
        3 => (prop::collection::vec(pick(), 0..6), prop::option::weighted(0.8, pick())).prop_map(|(tasks, agent)| Op::AssignTasks { tasks, agent }),
        3 => (
            prop::collection::vec(pick(), 0..5),
            prop::option::of(prop::sample::select(GoalStatus::ALL)),
            prop::option::of(0u8..=11),
            prop::option::of(prop::option::of(pick())),
        )
            .prop_map(|(goals, status, priority, parent)| Op::EditGoals { goals, status, priority, parent }),
        1 => (pick(), prop::collection::vec(pick(), 0..4)).prop_map(|(plan, steps)| Op::RemoveSteps { plan, steps }),
        5 => (pick(), prop::sample::select(TaskStatus::ALL)).prop_map(|(task, status)| Op::SetTaskStatus { task, status }),
        3 => (pick(), pick()).prop_map(|(task, on)| Op::AddTaskDependency { task, on }),
        1 => pick().prop_map(Op::DeleteGoal),
        1 => pick().prop_map(Op::DeletePlan),
        1 => pick().prop_map(Op::DeleteAgent),
        1 => pick().prop_map(Op::DeleteTask),
        1 => pick().prop_map(Op::DeleteAction),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

/// One gesture, or a burst of undo and redo (so that redo gets to run before a new
/// gesture clears it).
fn ops() -> impl Strategy<Value = Vec<(Op, bool)>> {
    let group = prop_oneof![
        6 => op().prop_map(|op| vec![op]),
        1 => prop::collection::vec(prop::bool::weighted(0.5).prop_map(|undo| if undo { Op::Undo } else { Op::Redo }), 1..=6),
    ];
    prop::collection::vec((group, prop::bool::weighted(0.3)), 1..=32).prop_map(|groups| {
        groups.into_iter().flat_map(|(ops, undo_in_place)| ops.into_iter().map(move |op| (op, undo_in_place))).collect()
    })
}

fn pick(keys: &[String], i: Pick) -> String {
    if keys.is_empty() || i % 12 == 11 {
        "X-404".into()
    } else {
        keys[i as usize % keys.len()].clone()
    }
}

/// The keys of what exists now, to pick from.
struct Keys {
    goals: Vec<String>,
    agents: Vec<String>,
    actions: Vec<String>,
    plans: Vec<String>,
    tasks: Vec<String>,
}

impl Keys {
    fn of(s: &Store) -> Keys {
        Keys {
            goals: s.goal_tree().unwrap().into_iter().map(|g| g.key).collect(),
            agents: s.agents().unwrap().into_iter().map(|a| a.key).collect(),
            actions: s.actions().unwrap().into_iter().map(|a| a.key).collect(),
            plans: s.plans(None).unwrap().into_iter().map(|p| p.key).collect(),
            tasks: s.tasks(&TaskFilter::default()).unwrap().into_iter().map(|t| t.key).collect(),
        }
    }

    fn step(&self, s: &Store, (plan, step): (Pick, Pick)) -> (String, String) {
        let plan = pick(&self.plans, plan);
        let step = pick(&steps_of(s, &plan), step);
        (plan, step)
    }
}

fn steps_of(s: &Store, plan: &str) -> Vec<String> {
    s.plan(plan).map(|p| p.steps.into_iter().map(|s| s.key).collect()).unwrap_or_default()
}

fn capability_list(list: &[(u8, u8)]) -> Vec<CapabilityLevel> {
    list.iter().map(|&(c, level)| CapabilityLevel::new(CAPABILITIES[if c == 6 { 3 } else { c as usize % 3 }], level)).collect()
}

fn apply(s: &mut Store, op: &Op) -> Result<()> {
    let k = Keys::of(s);
    match op {
        Op::CreateGoal { parent, soft, priority } => {
            let kind = if *soft { GoalKind::Soft } else { GoalKind::Hard };
            let fields = GoalFields { kind, priority: *priority, ..GoalFields::titled("goal") };
            s.create_goal(None, parent.map(|p| pick(&k.goals, p)).as_deref(), &fields).map(drop)
        }
        Op::MoveGoal { goal, parent } => s.move_goal(&pick(&k.goals, *goal), parent.map(|p| pick(&k.goals, p)).as_deref()).map(drop),
        Op::AddGoalDependency { goal, on } => s.add_goal_dependency(&pick(&k.goals, *goal), &pick(&k.goals, *on)),
        Op::RemoveGoalDependency { goal, on } => s.remove_goal_dependency(&pick(&k.goals, *goal), &pick(&k.goals, *on)),
        Op::SetContribution { from, to, kind } => s.set_goal_contribution(&pick(&k.goals, *from), &pick(&k.goals, *to), *kind),
        Op::CreateAgent { capabilities, capacity, active } => {
            let fields = AgentFields { active: *active, capabilities: capability_list(capabilities), ..AgentFields::named("agent", *capacity) };
            s.create_agent(None, &fields).map(drop)
        }
        Op::UpdateAgent { agent, capabilities, active } => {
            let fields = AgentFields { active: *active, capabilities: capability_list(capabilities), ..AgentFields::named("agent", 10.0) };
            s.update_agent(&pick(&k.agents, *agent), &fields).map(drop)
        }
        Op::CreateAction { requires, cost } => {
            let fields = ActionFields { requires: capability_list(requires), ..ActionFields::named("action", *cost, 1.0) };
            s.create_action(None, &fields).map(drop)
        }
        Op::UpdateAction { action, requires } => {
            let fields = ActionFields { requires: capability_list(requires), ..ActionFields::named("action", 1.0, 1.0) };
            s.update_action(&pick(&k.actions, *action), &fields).map(drop)
        }
        Op::CreatePlan { goal } => s.create_plan(None, &pick(&k.goals, *goal), &PlanFields::titled("plan")).map(drop),
        Op::AddStep { plan, action } => s.add_step(&pick(&k.plans, *plan), None, &pick(&k.actions, *action), "").map(drop),
        Op::UpdateStep { plan, step, action } => {
            let (plan, step) = k.step(s, (*plan, *step));
            s.update_step(&plan, &step, &pick(&k.actions, *action), "changed").map(drop)
        }
        Op::RemoveStep { plan, step } => {
            let (plan, step) = k.step(s, (*plan, *step));
            s.remove_step(&plan, &step)
        }
        Op::AddEdge { plan, before, after } => {
            // Mostly between two different steps of a plan that has them.
            let with_steps: Vec<String> = k.plans.iter().filter(|p| steps_of(s, p).len() >= 2).cloned().collect();
            let plan = pick(if with_steps.is_empty() { &k.plans } else { &with_steps }, *plan);
            let steps = steps_of(s, &plan);
            let after = match steps.len() {
                0 | 1 => *after,
                n => ((*before as usize % n + 1 + *after as usize % (n - 1)) % n) as Pick,
            };
            s.add_edge(&plan, &pick(&steps, *before), &pick(&steps, after))
        }
        Op::CreateTask { step, goal, effort } => {
            let step = step.map(|st| k.step(s, st)).map(|(plan, step)| StepRef { plan, step });
            let fields = TaskFields { step, goal: goal.map(|g| pick(&k.goals, g)), ..TaskFields::titled("task", *effort) };
            s.create_task(None, &fields).map(drop)
        }
        Op::MoveTaskToStep { task, step } => {
            let key = pick(&k.tasks, *task);
            let step = step.map(|st| k.step(s, st)).map(|(plan, step)| StepRef { plan, step });
            let fields = s.task(&key).map(|t| t.fields).unwrap_or_else(|_| TaskFields::titled("task", 1.0));
            s.update_task(&key, &TaskFields { step, ..fields }).map(drop)
        }
        Op::AssignTask { task, agent } => s.assign_task(&pick(&k.tasks, *task), agent.map(|a| pick(&k.agents, a)).as_deref()).map(drop),
        Op::AssignTasks { tasks, agent } => {
            let keys: Vec<String> = tasks.iter().map(|t| pick(&k.tasks, *t)).collect();
            s.assign_tasks(&keys, agent.map(|a| pick(&k.agents, a)).as_deref()).map(drop)
        }
        Op::EditGoals { goals, status, priority, parent } => {
            let keys: Vec<String> = goals.iter().map(|g| pick(&k.goals, *g)).collect();
            let parent = parent.map(|p| match p {
                None => NewParent::Root,
                Some(p) => NewParent::Under(pick(&k.goals, p)),
            });
            s.edit_goals(&keys, &GoalBulkEdit { status: *status, priority: *priority, parent }).map(drop)
        }
        Op::RemoveSteps { plan, steps } => {
            let plan = pick(&k.plans, *plan);
            let keys: Vec<String> = steps.iter().map(|st| pick(&steps_of(s, &plan), *st)).collect();
            s.remove_steps(&plan, &keys).map(drop)
        }
        Op::SetTaskStatus { task, status } => s.set_task_status(&pick(&k.tasks, *task), *status).map(drop),
        Op::AddTaskDependency { task, on } => s.add_task_dependency(&pick(&k.tasks, *task), &pick(&k.tasks, *on)),
        Op::DeleteGoal(goal) => s.delete_goal(&pick(&k.goals, *goal)).map(drop),
        Op::DeletePlan(plan) => s.delete_plan(&pick(&k.plans, *plan)),
        Op::DeleteAgent(agent) => s.delete_agent(&pick(&k.agents, *agent)).map(drop),
        Op::DeleteTask(task) => s.delete_task(&pick(&k.tasks, *task)),
        Op::DeleteAction(action) => s.delete_action(&pick(&k.actions, *action)),
        Op::Undo => s.undo().map(drop),
        Op::Redo => s.redo().map(drop),
    }
}

/// Edges of each relation the store keeps acyclic, by id.
const RELATIONS: [(&str, &str); 4] = [
    ("goal parent", "SELECT parent_id, id FROM goals WHERE parent_id IS NOT NULL"),
    ("goal dependencies", "SELECT goal_id, depends_on_id FROM goal_dependencies"),
    ("plan precedence", "SELECT before_id, after_id FROM plan_edges"),
    ("task dependencies", "SELECT task_id, depends_on_id FROM task_dependencies"),
];

/// A node on a cycle, found by depth-first search.
fn cycle_in(edges: &[(i64, i64)]) -> Option<i64> {
    let mut next: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut mark: HashMap<i64, Mark> = HashMap::new();
    for &start in next.keys() {
        if mark.contains_key(&start) {
            continue;
        }
        // (node, index of the next successor to visit)
        let mut stack = vec![(start, 0)];
        mark.insert(start, Mark::Open);
        while let Some(&mut (node, ref mut i)) = stack.last_mut() {
            match next.get(&node).and_then(|n| n.get(*i)).copied() {
                Some(succ) => {
                    *i += 1;
                    match mark.get(&succ) {
                        Some(Mark::Open) => return Some(succ),
                        Some(Mark::Done) => {}
                        None => {
                            mark.insert(succ, Mark::Open);
                            stack.push((succ, 0));
                        }
                    }
                }
                None => {
                    mark.insert(node, Mark::Done);
                    stack.pop();
                }
            }
        }
    }
    None
}

#[test]
fn the_cycle_finder_finds_cycles() {
    assert_eq!(cycle_in(&[(1, 2), (2, 3), (1, 3)]), None);
    assert!(cycle_in(&[(1, 2), (2, 3), (3, 1)]).is_some());
    assert!(cycle_in(&[(4, 4)]).is_some());
    assert!(cycle_in(&[(1, 2), (5, 6), (6, 7), (7, 5)]).is_some());
}

fn check_invariants(s: &Store) {
    let conn = s.connection();
    // (b) The DAGs and the tree stay acyclic: by a depth-first search over the rows, and in SQL.
    for (name, sql) in RELATIONS {
        let edges: Vec<(i64, i64)> = conn.prepare(sql).unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        assert_eq!(cycle_in(&edges), None, "{name} has a cycle: {edges:?}");
        let on_cycle: i64 = conn
            .query_row(
                &format!(
                    "WITH RECURSIVE e(a, b) AS ({sql}),
                     reach(start, node) AS (SELECT a, b FROM e UNION SELECT reach.start, e.b FROM reach JOIN e ON e.a = reach.node)
                     SELECT count(*) FROM reach WHERE start = node"
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(on_cycle, 0, "{name} has a cycle (SQL)");
    }
    // (c) No row points at nothing.
    let orphans: Vec<String> = conn.prepare("PRAGMA foreign_key_check").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(orphans.is_empty(), "orphans in {orphans:?}");

    let tasks = s.tasks(&TaskFilter::default()).unwrap();
    let agents: BTreeMap<String, Agent> = s.agents().unwrap().into_iter().map(|a| (a.key.clone(), a)).collect();
    // (d) Workload is the effort of the open tasks held.
    for agent in agents.values() {
        let open: Vec<&Task> = tasks.iter().filter(|t| t.status.is_open() && t.assignee.as_ref() == Some(&agent.key)).collect();
        let effort: f64 = open.iter().map(|t| t.fields.effort).sum();
        assert!((agent.workload - effort).abs() <= 1e-9 * effort.max(1.0), "{}: workload {} but open effort {effort}", agent.key, agent.workload);
        assert_eq!(agent.open_tasks as usize, open.len(), "{}", agent.key);
        assert_eq!(s.agent(&agent.key).unwrap(), *agent);
    }
    for task in &tasks {
        // A task requires what its step's action requires.
        let requires = match &task.fields.step {
            Some(step) => {
                let plan = s.plan(&step.plan).unwrap();
                let action = &plan.steps.iter().find(|st| st.key == step.step).unwrap().action;
                s.action(action).unwrap().fields.requires
            }
            None => Vec::new(),
        };
        assert_eq!(task.requires, requires, "{}", task.key);
        // (e) An open task's assignee is active and able.
        if let (true, Some(assignee)) = (task.status.is_open(), &task.assignee) {
            let agent = &agents[assignee];
            assert!(agent.fields.active, "{} is held by inactive {assignee}", task.key);
            for need in &task.requires {
                let held = agent.level_of(&need.capability);
                assert!(held >= Some(need.level), "{} needs {need:?}; {assignee} has {held:?}", task.key);
            }
        }
        assert_eq!(task.completed_at.is_some(), task.status == TaskStatus::Done, "{}", task.key);
    }
}

/// Errors that refuse a gesture, as opposed to failures of the store itself.
fn is_refusal(e: &Error) -> bool {
    !matches!(e, Error::Database(_) | Error::Migration(_) | Error::Io { .. } | Error::HistoryConflict { .. } | Error::ReadOnly { .. } | Error::Corrupt { .. } | Error::Locked { .. } | Error::Import { .. } | Error::NotPlannerDatabase { .. } | Error::SchemaTooNew { .. } | Error::SchemaTooOld { .. } | Error::SchemaMismatch { .. })
}

type Dump = Vec<String>;

fn run(ops: &[(Op, bool)]) {
    let mut s = Store::open_in_memory().unwrap();
    let mut states = vec![dump(&s)];
    seeded(&mut s, |s| states.push(dump(s)));
    // A plan with steps but no edges yet, for edges to go between.
    s.create_plan(Some("P-WIDE"), "G-ROOT", &PlanFields::titled("wide")).unwrap();
    states.push(dump(&s));
    for _ in 0..4 {
        s.add_step("P-WIDE", None, "A-TEST", "").unwrap();
        states.push(dump(&s));
    }
    // What undo and redo must restore: (before, after) of each gesture.
    let mut past: Vec<(Dump, Dump)> = states.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect();
    let mut future: Vec<(Dump, Dump)> = Vec::new();
    check_invariants(&s);
    for (i, (op, undo_in_place)) in ops.iter().enumerate() {
        let before = dump(&s);
        let seq = s.last_event_seq().unwrap();
        let result = apply(&mut s, op);
        let after = dump(&s);
        let logged = s.last_event_seq().unwrap() - seq;
        let at = format!("step {i}: {op:?} -> {result:?}");
        match (op, result) {
            // (a) A refusal changes nothing and logs nothing.
            (_, Err(e)) => {
                assert!(is_refusal(&e), "{at}");
                assert_eq!(after, before, "{at}");
                assert_eq!(logged, 0, "{at}");
                match e {
                    Error::NothingToUndo => assert!(past.is_empty(), "{at}"),
                    Error::NothingToRedo => assert!(future.is_empty(), "{at}"),
                    _ => {}
                }
            }
            (Op::Undo, Ok(())) => {
                let (b, a) = past.pop().unwrap_or_else(|| panic!("{at}: nothing to undo"));
                assert!(before == a && after == b, "{at}: undo did not restore the state before the gesture");
                assert_eq!(logged, 1, "{at}");
                future.push((b, a));
            }
            (Op::Redo, Ok(())) => {
                let (b, a) = future.pop().unwrap_or_else(|| panic!("{at}: nothing to redo"));
                assert!(before == b && after == a, "{at}: redo did not restore the state after the gesture");
                assert_eq!(logged, 1, "{at}");
                past.push((b, a));
            }
            (_, Ok(())) if logged == 0 => assert_eq!(after, before, "{at}: a change that was not logged"),
            (_, Ok(())) => {
                assert_eq!(logged, 1, "{at}");
                assert_ne!(after, before, "{at}: logged, but nothing changed");
                past.push((before.clone(), after.clone()));
                future.clear();
                // (f) Undo right after restores the state before; redo, the state after.
                if *undo_in_place {
                    s.undo().unwrap();
                    assert_eq!(dump(&s), before, "{at}: undo in place");
                    s.redo().unwrap();
                    assert_eq!(dump(&s), after, "{at}: redo in place");
                }
            }
        }
        check_invariants(&s);
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_gesture_keeps_every_invariant(ops in ops()) {
        run(&ops);
    }
}
