//! Validation of a whole document in memory, before anything is written: keys, fields,
//! references, cycles and the task rules. Needs no database.
//!
//! Each item's own fields go through the domain's validators, so that the importer and
//! the editors apply one set of rules; their errors (`Error::Invalid` with a field such
//! as `preconditions[2]`) become pointers (`/goals/3/preconditions/2`). Links are
//! resolved to item indexes, which is what [`Resolved`] hands to the writer.

use super::convert;
use super::cycles::find_cycle;
use super::pointer::place;
use super::v1::*;
use crate::domain::{check_capability_name, check_fact, CapabilityLevel, ContributionKind, Key};
use crate::htn::SubtaskKind;
use crate::time_util::normalize_rfc3339;
use crate::{Entity, Error, Result};
use std::collections::{HashMap, HashSet};

/// A checked document's links, as indexes into its lists.
pub(crate) struct Resolved {
    /// Every goal once, each after its parent.
    pub goal_order: Vec<usize>,
    pub goal_parent: Vec<Option<usize>>,
    /// (goal, depends on).
    pub goal_dependencies: Vec<(usize, usize)>,
    /// (from, to, kind).
    pub contributions: Vec<(usize, usize, ContributionKind)>,
    pub method_goal: Vec<usize>,
    /// Per method, per subtask: its kind and the index of its goal or action.
    pub method_subtasks: Vec<Vec<(SubtaskKind, usize)>>,
    pub plan_goal: Vec<usize>,
    /// Per plan, per step: the action.
    pub step_action: Vec<Vec<usize>>,
    /// Per plan: (before, after) as step indexes.
    pub plan_edges: Vec<Vec<(usize, usize)>>,
    pub task_goal: Vec<Option<usize>>,
    /// (plan, step).
    pub task_step: Vec<Option<(usize, usize)>>,
    pub task_assignee: Vec<Option<usize>>,
    /// (task, depends on).
    pub task_dependencies: Vec<(usize, usize)>,
}

pub(crate) fn check(doc: &Document) -> Result<Resolved> {
    super::read::check_envelope(doc)?;
    check_time("/exported_at", &doc.exported_at)?;
    let capabilities = capabilities(doc)?;
    let agents = check_agents(doc, &capabilities)?;
    let goals = check_goals(doc)?;
    let actions = check_actions(doc, &capabilities)?;
    let methods = check_methods(doc, &goals.index, &actions)?;
    let plans = check_plans(doc, &goals.index, &actions)?;
    let tasks = check_tasks(doc, &goals.index, &agents, &plans)?;
    check_world_state(doc)?;
    Ok(Resolved {
        goal_order: goals.order,
        goal_parent: goals.parent,
        goal_dependencies: goals.dependencies,
        contributions: goals.contributions,
        method_goal: methods.goal,
        method_subtasks: methods.subtasks,
        plan_goal: plans.goal,
        step_action: plans.step_action,
        plan_edges: plans.edges,
        task_goal: tasks.goal,
        task_step: tasks.step,
        task_assignee: tasks.assignee,
        task_dependencies: tasks.dependencies,
    })
}

type Index<'a> = HashMap<&'a str, usize>;

/// Key → index for a list, refusing malformed and repeated keys.
fn index<'a, T>(items: &'a [T], list: &str, key: impl Fn(&'a T) -> &'a str) -> Result<Index<'a>> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        if let Err(reason) = Key::parse(k) {
            return Err(Error::import(format!("/{list}/{i}/key"), format!("key {k:?} {reason}")));
        }
        if let Some(first) = map.insert(k, i) {
            return Err(Error::import(format!("/{list}/{i}/key"), format!("duplicate key {k:?}: /{list}/{first} has it too")));
        }
    }
    Ok(map)
}

fn resolve(index: &Index<'_>, key: &str, what: &str, at: impl FnOnce() -> String) -> Result<usize> {
    index.get(key).copied().ok_or_else(|| Error::import(at(), format!("refers to {what} {key:?}, which is not in this file")))
}

fn check_time(at: &str, text: &str) -> Result<()> {
    match normalize_rfc3339(text) {
        Some(_) => Ok(()),
        None => Err(Error::import(at, format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {text:?}"))),
    }
}

/// The cycle's keys joined by arrows, and its closing edge.
fn name_cycle(cycle: &[usize], key: impl Fn(usize) -> String) -> (String, (usize, usize)) {
    let names: Vec<String> = cycle.iter().map(|&n| key(n)).collect();
    let closing = (cycle[cycle.len() - 2], cycle[cycle.len() - 1]);
    (names.join(" → "), closing)
}

fn capabilities(doc: &Document) -> Result<HashSet<&str>> {
    let mut names = HashSet::new();
    for (i, c) in doc.capabilities.iter().enumerate() {
        crate::domain::check(Entity::Capability, &c.name, "name", check_capability_name(&c.name)).map_err(Error::from)
            .map_err(|e| place(e, &format!("/capabilities/{i}")))?;
        if !names.insert(c.name.as_str()) {
            return Err(Error::import(format!("/capabilities/{i}/name"), format!("duplicate capability {:?}", c.name)));
        }
    }
    Ok(names)
}

/// Every capability a list names must be declared in `capabilities`.
fn declared(capabilities: &HashSet<&str>, list: &[CapabilityLevel], at: impl Fn(usize) -> String) -> Result<()> {
    for (j, c) in list.iter().enumerate() {
        if !capabilities.contains(c.capability.as_str()) {
            return Err(Error::import(
                format!("{}/capability", at(j)),
                format!("refers to capability {:?}, which is not in /capabilities", c.capability),
            ));
        }
    }
    Ok(())
}

fn check_agents<'a>(doc: &'a Document, capabilities: &HashSet<&str>) -> Result<Index<'a>> {
    let index = index(&doc.agents, "agents", |a| &a.key)?;
    for (i, a) in doc.agents.iter().enumerate() {
        convert::agent_fields(a.clone()).validate(&a.key).map_err(|e| place(e.into(), &format!("/agents/{i}")))?;
        declared(capabilities, &a.capabilities, |j| format!("/agents/{i}/capabilities/{j}"))?;
    }
    Ok(index)
}

struct Goals<'a> {
    index: Index<'a>,
    order: Vec<usize>,
    parent: Vec<Option<usize>>,
    dependencies: Vec<(usize, usize)>,
    contributions: Vec<(usize, usize, ContributionKind)>,
}

fn check_goals(doc: &Document) -> Result<Goals<'_>> {
    let list = &doc.goals;
    let index = index(list, "goals", |g| &g.key)?;
    let mut parent = vec![None; list.len()];
    for (i, g) in list.iter().enumerate() {
        convert::goal_fields(g).validate(&g.key).map_err(|e| place(e.into(), &format!("/goals/{i}")))?;
        if let Some(p) = &g.parent {
            parent[i] = Some(resolve(&index, p, "goal", || format!("/goals/{i}/parent"))?);
        }
    }
    if let Some(cycle) = find_cycle(list.len(), |i| parent[i].as_slice()) {
        let (names, (child, _)) = name_cycle(&cycle, |n| list[n].key.clone());
        return Err(Error::import(
            format!("/goals/{child}/parent"),
            format!("goal parents form a cycle (each goal's parent follows it): {names}"),
        ));
    }
    let order = tree_order(&parent);

    let mut depends_on: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    let mut contributions = Vec::new();
    for (i, g) in list.iter().enumerate() {
        for (j, d) in g.depends_on.iter().enumerate() {
            let at = || format!("/goals/{i}/depends_on/{j}");
            let target = resolve(&index, d, "goal", at)?;
            if depends_on[i].contains(&target) {
                return Err(Error::import(at(), format!("{d:?} is listed twice")));
            }
            depends_on[i].push(target);
        }
        for (j, c) in g.contributions.iter().enumerate() {
            let at = || format!("/goals/{i}/contributions/{j}");
            if g.kind != crate::domain::GoalKind::Soft {
                return Err(Error::import(at(), format!("goal {}: only soft goals contribute to other goals", g.key)));
            }
            let target = resolve(&index, &c.to, "goal", || format!("{}/to", at()))?;
            if target == i {
                return Err(Error::import(format!("{}/to", at()), format!("goal {}: a goal cannot contribute to itself", g.key)));
            }
            if g.contributions[..j].iter().any(|other| other.to == c.to) {
                return Err(Error::import(format!("{}/to", at()), format!("{:?} is listed twice", c.to)));
            }
            contributions.push((i, target, c.kind));
        }
    }
    if let Some(cycle) = find_cycle(depends_on.len(), |i| &depends_on[i]) {
        let (names, (from, to)) = name_cycle(&cycle, |n| list[n].key.clone());
        let j = depends_on[from].iter().position(|&t| t == to).unwrap_or(0);
        return Err(Error::import(format!("/goals/{from}/depends_on/{j}"), format!("goal dependencies form a cycle: {names}")));
    }
    let dependencies = depends_on.iter().enumerate().flat_map(|(i, ds)| ds.iter().map(move |&d| (i, d))).collect();
    Ok(Goals { index, order, parent, dependencies, contributions })
}

/// Every goal of an acyclic forest once, each after its parent: depth first, roots and
/// siblings in file order, so that each tree is written in one run (which keeps the
/// inserts into the parent index close together).
fn tree_order(parent: &[Option<usize>]) -> Vec<usize> {
    let n = parent.len();
    // Children as one flat list grouped by parent (no list per goal).
    let mut start = vec![0usize; n + 1];
    for p in parent.iter().flatten() {
        start[p + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut children = vec![0usize; start[n]];
    for (child, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[fill[*p]] = child;
            fill[*p] += 1;
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<usize> = (0..n).rev().filter(|&i| parent[i].is_none()).collect();
    while let Some(node) = stack.pop() {
        order.push(node);
        stack.extend(children[start[node]..start[node + 1]].iter().rev());
    }
    order
}

fn check_actions<'a>(doc: &'a Document, capabilities: &HashSet<&str>) -> Result<Index<'a>> {
    let index = index(&doc.actions, "actions", |a| &a.key)?;
    for (i, a) in doc.actions.iter().enumerate() {
        convert::action_fields(a.clone()).validate(&a.key).map_err(|e| place(e.into(), &format!("/actions/{i}")))?;
        declared(capabilities, &a.requires, |j| format!("/actions/{i}/requires/{j}"))?;
    }
    Ok(index)
}

struct Methods {
    goal: Vec<usize>,
    subtasks: Vec<Vec<(SubtaskKind, usize)>>,
}

fn check_methods(doc: &Document, goals: &Index<'_>, actions: &Index<'_>) -> Result<Methods> {
    index(&doc.methods, "methods", |m| &m.key)?;
    let mut out = Methods { goal: Vec::with_capacity(doc.methods.len()), subtasks: Vec::with_capacity(doc.methods.len()) };
    for (i, m) in doc.methods.iter().enumerate() {
        let base = || format!("/methods/{i}");
        convert::method_fields(m).validate(&m.key).map_err(|e| place(e.into(), &base()))?;
        out.goal.push(resolve(goals, &m.goal, "goal", || format!("{}/goal", base()))?);
        let mut subtasks = Vec::with_capacity(m.subtasks.len());
        for (j, s) in m.subtasks.iter().enumerate() {
            let at = || format!("{}/subtasks/{j}/key", base());
            let target = match s.kind {
                SubtaskKind::Goal => resolve(goals, &s.key, "goal", at)?,
                SubtaskKind::Action => resolve(actions, &s.key, "action", at)?,
            };
            subtasks.push((s.kind, target));
        }
        out.subtasks.push(subtasks);
    }
    Ok(out)
}

struct Plans<'a> {
    index: Index<'a>,
    steps: Vec<Index<'a>>,
    goal: Vec<usize>,
    step_action: Vec<Vec<usize>>,
    edges: Vec<Vec<(usize, usize)>>,
}

fn check_plans<'a>(doc: &'a Document, goals: &Index<'_>, actions: &Index<'_>) -> Result<Plans<'a>> {
    let index = index(&doc.plans, "plans", |p| &p.key)?;
    if doc.kind == DocumentKind::Plan && doc.plans.len() != 1 {
        return Err(Error::import("/plans", format!("a plan file holds exactly one plan, not {}", doc.plans.len())));
    }
    let mut out = Plans { index, steps: Vec::new(), goal: Vec::new(), step_action: Vec::new(), edges: Vec::new() };
    for (i, p) in doc.plans.iter().enumerate() {
        let base = || format!("/plans/{i}");
        convert::plan_fields(p.clone()).validate(&p.key).map_err(|e| place(e.into(), &base()))?;
        out.goal.push(resolve(goals, &p.goal, "goal", || format!("{}/goal", base()))?);
        let steps = index_steps(&p.steps, i)?;
        let mut step_action = Vec::with_capacity(p.steps.len());
        for (j, s) in p.steps.iter().enumerate() {
            step_action.push(resolve(actions, &s.action, "action", || format!("{}/steps/{j}/action", base()))?);
        }
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); p.steps.len()];
        let mut edges = Vec::with_capacity(p.edges.len());
        for (j, e) in p.edges.iter().enumerate() {
            let at = |end: &str| format!("{}/edges/{j}/{end}", base());
            let before = resolve(&steps, &e.before, "step", || at("before"))?;
            let later = resolve(&steps, &e.after, "step", || at("after"))?;
            if after[before].contains(&later) {
                return Err(Error::import(format!("{}/edges/{j}", base()), format!("the edge {} → {} is listed twice", e.before, e.after)));
            }
            after[before].push(later);
            edges.push((before, later));
        }
        if let Some(cycle) = find_cycle(after.len(), |i| &after[i]) {
            let (names, closing) = name_cycle(&cycle, |n| p.steps[n].key.clone());
            let j = edges.iter().position(|&e| e == closing).unwrap_or(0);
            return Err(Error::import(format!("{}/edges/{j}", base()), format!("plan {} precedence forms a cycle: {names}", p.key)));
        }
        out.steps.push(steps);
        out.step_action.push(step_action);
        out.edges.push(edges);
    }
    Ok(out)
}

fn index_steps(steps: &[StepDoc], plan: usize) -> Result<Index<'_>> {
    index(steps, &format!("plans/{plan}/steps"), |s| &s.key)
}

struct Tasks {
    goal: Vec<Option<usize>>,
    step: Vec<Option<(usize, usize)>>,
    assignee: Vec<Option<usize>>,
    dependencies: Vec<(usize, usize)>,
}

fn check_tasks(doc: &Document, goals: &Index<'_>, agents: &Index<'_>, plans: &Plans<'_>) -> Result<Tasks> {
    let list = &doc.tasks;
    let index = index(list, "tasks", |t| &t.key)?;
    let mut out = Tasks { goal: Vec::new(), step: Vec::new(), assignee: Vec::new(), dependencies: Vec::new() };
    let mut depends_on: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    for (i, t) in list.iter().enumerate() {
        let base = || format!("/tasks/{i}");
        task_fields(t).map_err(|e| place(e, &base()))?;
        task_times(t, &base())?;
        out.goal.push(t.goal.as_deref().map(|g| resolve(goals, g, "goal", || format!("{}/goal", base()))).transpose()?);
        let step = match &t.step {
            None => None,
            Some(s) => {
                let plan = resolve(&plans.index, &s.plan, "plan", || format!("{}/step/plan", base()))?;
                let step = resolve(&plans.steps[plan], &s.step, &format!("step of plan {}", s.plan), || format!("{}/step/step", base()))?;
                Some((plan, step))
            }
        };
        out.step.push(step);
        let assignee = t.assignee.as_deref().map(|a| resolve(agents, a, "agent", || format!("{}/assignee", base()))).transpose()?;
        if let (Some(agent), true) = (assignee, t.status.is_open()) {
            let action = step.map(|(p, s)| &doc.actions[plans.step_action[p][s]]);
            check_assignment(t, &doc.agents[agent], action).map_err(|e| Error::import(format!("{}/assignee", base()), e.to_string()))?;
        }
        out.assignee.push(assignee);
        for (j, d) in t.depends_on.iter().enumerate() {
            let at = || format!("/tasks/{i}/depends_on/{j}");
            let target = resolve(&index, d, "task", at)?;
            if depends_on[i].contains(&target) {
                return Err(Error::import(at(), format!("{d:?} is listed twice")));
            }
            depends_on[i].push(target);
        }
    }
    if let Some(cycle) = find_cycle(depends_on.len(), |i| &depends_on[i]) {
        let (names, (from, to)) = name_cycle(&cycle, |n| list[n].key.clone());
        let j = depends_on[from].iter().position(|&t| t == to).unwrap_or(0);
        return Err(Error::import(format!("/tasks/{from}/depends_on/{j}"), format!("task dependencies form a cycle: {names}")));
    }
    out.dependencies = depends_on.iter().enumerate().flat_map(|(i, ds)| ds.iter().map(move |&d| (i, d))).collect();
    Ok(out)
}

/// Facts as `Store::set_fact` checks them, each key once; only workspace files hold them.
fn check_world_state(doc: &Document) -> Result<()> {
    if doc.kind == DocumentKind::Plan && !doc.world_state.is_empty() {
        return Err(Error::import("/world_state", "a plan file holds no world state: export the workspace to carry facts"));
    }
    let mut seen = HashSet::with_capacity(doc.world_state.len());
    for (i, fact) in doc.world_state.iter().enumerate() {
        check_fact(&fact.key, &fact.value).map_err(|e| place(e.into(), &format!("/world_state/{i}")))?;
        if !seen.insert(fact.key.as_str()) {
            return Err(Error::import(format!("/world_state/{i}/key"), format!("duplicate fact {:?}", fact.key)));
        }
    }
    Ok(())
}

/// The checks the store makes on a task's own fields.
fn task_fields(t: &TaskDoc) -> Result<()> {
    convert::task_fields(t.clone()).validate(&t.key)?;
    Ok(())
}

/// Times are valid, and follow the status as the store sets them: a done task has
/// `completed_at` and no other has; a task in progress or done has `started_at`.
fn task_times(t: &TaskDoc, base: &str) -> Result<()> {
    use crate::domain::TaskStatus::*;
    check_time(&format!("{base}/created_at"), &t.created_at)?;
    for (field, value) in [("started_at", &t.started_at), ("completed_at", &t.completed_at)] {
        if let Some(text) = value {
            check_time(&format!("{base}/{field}"), text)?;
        }
    }
    let at = |field: &str| format!("{base}/{field}");
    match (t.status, &t.completed_at) {
        (Done, None) => return Err(Error::import(at("completed_at"), format!("task {}: a done task needs completed_at", t.key))),
        (Todo | InProgress | Failed | Blocked, Some(_)) => {
            return Err(Error::import(at("completed_at"), format!("task {}: only a done task has completed_at, this one is {}", t.key, t.status)))
        }
        _ => {}
    }
    if matches!(t.status, InProgress | Done) && t.started_at.is_none() {
        return Err(Error::import(at("started_at"), format!("task {}: a task that is {} needs started_at", t.key, t.status)));
    }
    Ok(())
}

/// The store's task invariant: an open task's assignee is active and holds every
/// capability the step's action requires, at the required level.
fn check_assignment(t: &TaskDoc, agent: &AgentDoc, action: Option<&ActionDoc>) -> Result<()> {
    if !agent.active {
        return Err(Error::AgentInactive { task: t.key.clone(), agent: agent.key.clone() });
    }
    let mut requires: Vec<&CapabilityLevel> = action.map(|a| a.requires.iter().collect()).unwrap_or_default();
    requires.sort_by(|a, b| a.capability.cmp(&b.capability));
    for need in requires {
        let held = agent.capabilities.iter().find(|c| c.capability == need.capability).map(|c| c.level);
        if held.is_none_or(|level| level < need.level) {
            return Err(Error::MissingCapability {
                task: t.key.clone(),
                agent: agent.key.clone(),
                capability: need.capability.clone(),
                required: need.level,
                held,
            });
        }
    }
    Ok(())
}
