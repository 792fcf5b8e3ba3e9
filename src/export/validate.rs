//! Validation of a whole document in memory, before anything is written: keys, fields,
//! references, cycles and the task rules. Needs no database.
//!
//! Every problem is collected (see `problems`), so a refused file lists them all, and
//! every check is linear or n log n in the size of the file: repeats are found with
//! hash sets or a per-item mark, never by scanning the items before.
//!
//! Each item's own fields go through the domain's validators, so that the importer and
//! the editors apply one set of rules; their errors (`Error::Invalid` with a field such
//! as `preconditions[2]`) become pointers (`/goals/3/preconditions/2`). Links are
//! resolved to item indexes, which is what [`Resolved`] hands to the writer.

use super::convert;
use super::cycles::find_cycle;
use super::pointer::place;
use super::problems::Problems;
use super::v1::*;
use crate::domain::{check_capability_name, check_fact, CapabilityLevel, ContributionKind, Key};
use crate::htn::SubtaskKind;
use crate::time_util::normalize_rfc3339;
use crate::{Entity, Error, Result};
use std::collections::hash_map::Entry;
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
    let mut p = Problems::default();
    check_time(&mut p, "/exported_at", &doc.exported_at);
    let capabilities = capabilities(doc, &mut p);
    let agents = check_agents(doc, &capabilities, &mut p);
    let goals = check_goals(doc, &mut p);
    let actions = check_actions(doc, &capabilities, &mut p);
    let methods = check_methods(doc, &goals.index, &actions, &mut p);
    let plans = check_plans(doc, &goals.index, &actions, &mut p);
    let tasks = check_tasks(doc, &goals.index, &agents, &plans, &mut p);
    check_world_state(doc, &mut p);
    p.finish()?;
    Ok(Resolved {
        goal_order: goals.order,
        goal_parent: goals.parent,
        goal_dependencies: goals.dependencies,
        contributions: goals.contributions,
        method_goal: methods.goal,
        method_subtasks: methods.subtasks,
        plan_goal: plans.goal,
        // With no problem found, every step's action resolved.
        step_action: plans.step_action.into_iter().map(|steps| steps.into_iter().flatten().collect()).collect(),
        plan_edges: plans.edges,
        task_goal: tasks.goal,
        task_step: tasks.step,
        task_assignee: tasks.assignee,
        task_dependencies: tasks.dependencies,
    })
}

type Index<'a> = HashMap<&'a str, usize>;

/// Key → index for a list, reporting malformed and repeated keys. A malformed key is
/// still indexed, and a repeated one keeps its first item, so that the links to them
/// resolve and one bad key is one problem, not one per link.
fn index<'a, T>(p: &mut Problems, items: &'a [T], list: &str, key: impl Fn(&'a T) -> &'a str) -> Index<'a> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        if let Err(reason) = Key::parse(k) {
            p.push(format!("/{list}/{i}/key"), format!("key {k:?} {reason}"));
        }
        match map.entry(k) {
            Entry::Occupied(first) => p.push(format!("/{list}/{i}/key"), format!("duplicate key {k:?}: /{list}/{} has it too", first.get())),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    map
}

fn resolve(p: &mut Problems, index: &Index<'_>, key: &str, what: &str, at: impl FnOnce() -> String) -> Option<usize> {
    let found = index.get(key).copied();
    if found.is_none() {
        p.push(at(), format!("refers to {what} {key:?}, which is not in this file"));
    }
    found
}

fn check_time(p: &mut Problems, at: &str, text: &str) {
    if normalize_rfc3339(text).is_none() {
        p.push(at, format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {text:?}"));
    }
}

/// The cycle's keys joined by arrows, and its closing edge.
fn name_cycle(cycle: &[usize], key: impl Fn(usize) -> String) -> (String, (usize, usize)) {
    let names: Vec<String> = cycle.iter().map(|&n| key(n)).collect();
    // `find_cycle` returns at least [a, a]: two nodes, the last closing the cycle.
    let closing = (cycle[cycle.len() - 2], cycle[cycle.len() - 1]);
    (names.join(" → "), closing)
}

/// For each item, whether a link target was already listed by it: `last[t] == i` when
/// item `i` named target `t` before. One vector for the whole list, so checking every
/// list for repeats is linear in the number of links.
struct Repeats(Vec<usize>);

impl Repeats {
    fn new(targets: usize) -> Repeats {
        Repeats(vec![usize::MAX; targets])
    }

    /// Whether item `owner` names `target` again (and records that it named it).
    fn again(&mut self, owner: usize, target: usize) -> bool {
        std::mem::replace(&mut self.0[target], owner) == owner
    }
}

fn capabilities<'a>(doc: &'a Document, p: &mut Problems) -> HashSet<&'a str> {
    let mut names = HashSet::with_capacity(doc.capabilities.len());
    for (i, c) in doc.capabilities.iter().enumerate() {
        if let Err(e) = crate::domain::check(Entity::Capability, &c.name, "name", check_capability_name(&c.name)) {
            p.add(place(e.into(), &format!("/capabilities/{i}")));
        }
        if !names.insert(c.name.as_str()) {
            p.push(format!("/capabilities/{i}/name"), format!("duplicate capability {:?}", c.name));
        }
    }
    names
}

/// Every capability a list names must be declared in `capabilities`.
fn declared(p: &mut Problems, capabilities: &HashSet<&str>, list: &[CapabilityLevel], at: impl Fn(usize) -> String) {
    for (j, c) in list.iter().enumerate() {
        if !capabilities.contains(c.capability.as_str()) {
            p.push(format!("{}/capability", at(j)), format!("refers to capability {:?}, which is not in /capabilities", c.capability));
        }
    }
}

fn check_agents<'a>(doc: &'a Document, capabilities: &HashSet<&str>, p: &mut Problems) -> Index<'a> {
    let index = index(p, &doc.agents, "agents", |a| &a.key);
    for (i, a) in doc.agents.iter().enumerate() {
        if let Err(e) = convert::agent_fields(a.clone()).validate(&a.key) {
            p.add(place(e.into(), &format!("/agents/{i}")));
        }
        declared(p, capabilities, &a.capabilities, |j| format!("/agents/{i}/capabilities/{j}"));
    }
    index
}

struct Goals<'a> {
    index: Index<'a>,
    order: Vec<usize>,
    parent: Vec<Option<usize>>,
    dependencies: Vec<(usize, usize)>,
    contributions: Vec<(usize, usize, ContributionKind)>,
}

fn check_goals<'a>(doc: &'a Document, p: &mut Problems) -> Goals<'a> {
    let list = &doc.goals;
    let index = index(p, list, "goals", |g| &g.key);
    let mut parent = vec![None; list.len()];
    for (i, g) in list.iter().enumerate() {
        if let Err(e) = convert::goal_fields(g).validate(&g.key) {
            p.add(place(e.into(), &format!("/goals/{i}")));
        }
        if let Some(key) = &g.parent {
            parent[i] = resolve(p, &index, key, "goal", || format!("/goals/{i}/parent"));
        }
    }
    let order = match find_cycle(list.len(), |i| parent[i].as_slice()) {
        Some(cycle) => {
            let (names, (child, _)) = name_cycle(&cycle, |n| list[n].key.clone());
            p.push(format!("/goals/{child}/parent"), format!("goal parents form a cycle (each goal's parent follows it): {names}"));
            Vec::new()
        }
        None => tree_order(&parent),
    };

    let mut depends_on: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    let mut contributions = Vec::new();
    let (mut dependency_repeats, mut contribution_repeats) = (Repeats::new(list.len()), Repeats::new(list.len()));
    for (i, g) in list.iter().enumerate() {
        for (j, d) in g.depends_on.iter().enumerate() {
            let at = || format!("/goals/{i}/depends_on/{j}");
            let Some(target) = resolve(p, &index, d, "goal", at) else { continue };
            if dependency_repeats.again(i, target) {
                p.push(at(), format!("{d:?} is listed twice"));
                continue;
            }
            depends_on[i].push(target);
        }
        if !g.contributions.is_empty() && g.kind != crate::domain::GoalKind::Soft {
            p.push(format!("/goals/{i}/contributions/0"), format!("goal {}: only soft goals contribute to other goals", g.key));
            continue;
        }
        for (j, c) in g.contributions.iter().enumerate() {
            let at = || format!("/goals/{i}/contributions/{j}/to");
            let Some(target) = resolve(p, &index, &c.to, "goal", at) else { continue };
            if target == i {
                p.push(at(), format!("goal {}: a goal cannot contribute to itself", g.key));
            } else if contribution_repeats.again(i, target) {
                p.push(at(), format!("{:?} is listed twice", c.to));
            } else {
                contributions.push((i, target, c.kind));
            }
        }
    }
    if let Some(cycle) = find_cycle(depends_on.len(), |i| &depends_on[i]) {
        let (names, (from, to)) = name_cycle(&cycle, |n| list[n].key.clone());
        // The pointer names the closing link in the file; it is in the list it came from.
        let j = list[from].depends_on.iter().position(|d| index.get(d.as_str()) == Some(&to)).unwrap_or(0);
        p.push(format!("/goals/{from}/depends_on/{j}"), format!("goal dependencies form a cycle: {names}"));
    }
    let dependencies = depends_on.iter().enumerate().flat_map(|(i, ds)| ds.iter().map(move |&d| (i, d))).collect();
    Goals { index, order, parent, dependencies, contributions }
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

fn check_actions<'a>(doc: &'a Document, capabilities: &HashSet<&str>, p: &mut Problems) -> Index<'a> {
    let index = index(p, &doc.actions, "actions", |a| &a.key);
    for (i, a) in doc.actions.iter().enumerate() {
        if let Err(e) = convert::action_fields(a.clone()).validate(&a.key) {
            p.add(place(e.into(), &format!("/actions/{i}")));
        }
        declared(p, capabilities, &a.requires, |j| format!("/actions/{i}/requires/{j}"));
    }
    index
}

struct Methods {
    goal: Vec<usize>,
    subtasks: Vec<Vec<(SubtaskKind, usize)>>,
}

fn check_methods(doc: &Document, goals: &Index<'_>, actions: &Index<'_>, p: &mut Problems) -> Methods {
    index(p, &doc.methods, "methods", |m| &m.key);
    let mut out = Methods { goal: Vec::with_capacity(doc.methods.len()), subtasks: Vec::with_capacity(doc.methods.len()) };
    for (i, m) in doc.methods.iter().enumerate() {
        let base = || format!("/methods/{i}");
        if let Err(e) = convert::method_fields(m).validate(&m.key) {
            p.add(place(e.into(), &base()));
        }
        // An unresolved link leaves a placeholder: the document is refused anyway.
        out.goal.push(resolve(p, goals, &m.goal, "goal", || format!("{}/goal", base())).unwrap_or(0));
        let mut subtasks = Vec::with_capacity(m.subtasks.len());
        for (j, s) in m.subtasks.iter().enumerate() {
            let at = || format!("{}/subtasks/{j}/key", base());
            let target = match s.kind {
                SubtaskKind::Goal => resolve(p, goals, &s.key, "goal", at),
                SubtaskKind::Action => resolve(p, actions, &s.key, "action", at),
            };
            subtasks.push((s.kind, target.unwrap_or(0)));
        }
        out.subtasks.push(subtasks);
    }
    out
}

struct Plans<'a> {
    index: Index<'a>,
    /// Per plan (every plan of the file, even a refused one), its steps by key.
    steps: Vec<Index<'a>>,
    goal: Vec<usize>,
    /// Per plan, per step: the action, when it resolved.
    step_action: Vec<Vec<Option<usize>>>,
    edges: Vec<Vec<(usize, usize)>>,
}

fn check_plans<'a>(doc: &'a Document, goals: &Index<'_>, actions: &Index<'_>, p: &mut Problems) -> Plans<'a> {
    let plan_index = index(p, &doc.plans, "plans", |plan| &plan.key);
    if doc.kind == DocumentKind::Plan && doc.plans.len() != 1 {
        p.push("/plans", format!("a plan file holds exactly one plan, not {}", doc.plans.len()));
    }
    let mut out = Plans { index: plan_index, steps: Vec::new(), goal: Vec::new(), step_action: Vec::new(), edges: Vec::new() };
    for (i, plan) in doc.plans.iter().enumerate() {
        let base = || format!("/plans/{i}");
        if let Err(e) = convert::plan_fields(plan.clone()).validate(&plan.key) {
            p.add(place(e.into(), &base()));
        }
        out.goal.push(resolve(p, goals, &plan.goal, "goal", || format!("{}/goal", base())).unwrap_or(0));
        let steps = index(p, &plan.steps, &format!("plans/{i}/steps"), |s: &StepDoc| &s.key);
        let step_action =
            plan.steps.iter().enumerate().map(|(j, s)| resolve(p, actions, &s.action, "action", || format!("{}/steps/{j}/action", base()))).collect();
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); plan.steps.len()];
        let mut edges = Vec::with_capacity(plan.edges.len());
        let mut seen = HashSet::with_capacity(plan.edges.len());
        for (j, e) in plan.edges.iter().enumerate() {
            let at = |end: &str| format!("{}/edges/{j}/{end}", base());
            let before = resolve(p, &steps, &e.before, "step", || at("before"));
            let later = resolve(p, &steps, &e.after, "step", || at("after"));
            let (Some(before), Some(later)) = (before, later) else { continue };
            if !seen.insert((before, later)) {
                p.push(format!("{}/edges/{j}", base()), format!("the edge {} → {} is listed twice", e.before, e.after));
                continue;
            }
            after[before].push(later);
            edges.push((before, later));
        }
        if let Some(cycle) = find_cycle(after.len(), |i| &after[i]) {
            let (names, closing) = name_cycle(&cycle, |n| plan.steps[n].key.clone());
            let j = edges.iter().position(|&e| e == closing).unwrap_or(0);
            p.push(format!("{}/edges/{j}", base()), format!("plan {} precedence forms a cycle: {names}", plan.key));
        }
        out.steps.push(steps);
        out.step_action.push(step_action);
        out.edges.push(edges);
    }
    out
}

struct Tasks {
    goal: Vec<Option<usize>>,
    step: Vec<Option<(usize, usize)>>,
    assignee: Vec<Option<usize>>,
    dependencies: Vec<(usize, usize)>,
}

fn check_tasks(doc: &Document, goals: &Index<'_>, agents: &Index<'_>, plans: &Plans<'_>, p: &mut Problems) -> Tasks {
    let list = &doc.tasks;
    let index = index(p, list, "tasks", |t| &t.key);
    let mut out = Tasks { goal: Vec::new(), step: Vec::new(), assignee: Vec::new(), dependencies: Vec::new() };
    let mut depends_on: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    let mut repeats = Repeats::new(list.len());
    // Each agent's levels by capability, made once: a task's check is then linear in
    // what its action requires, however many capabilities the agent holds.
    let levels: Vec<HashMap<&str, u8>> =
        doc.agents.iter().map(|a| a.capabilities.iter().map(|c| (c.capability.as_str(), c.level)).collect()).collect();
    for (i, t) in list.iter().enumerate() {
        let base = || format!("/tasks/{i}");
        if let Err(e) = task_fields(t) {
            p.add(place(e, &base()));
        }
        task_times(p, t, &base());
        out.goal.push(t.goal.as_deref().and_then(|g| resolve(p, goals, g, "goal", || format!("{}/goal", base()))));
        let step = t.step.as_ref().and_then(|s| {
            let plan = resolve(p, &plans.index, &s.plan, "plan", || format!("{}/step/plan", base()))?;
            let step = resolve(p, &plans.steps[plan], &s.step, &format!("step of plan {}", s.plan), || format!("{}/step/step", base()))?;
            Some((plan, step))
        });
        out.step.push(step);
        let assignee = t.assignee.as_deref().and_then(|a| resolve(p, agents, a, "agent", || format!("{}/assignee", base())));
        if let (Some(agent), true) = (assignee, t.status.is_open()) {
            // A step whose action did not resolve is reported already; check the rest.
            let action = step.and_then(|(plan, s)| plans.step_action[plan][s]).map(|a| &doc.actions[a]);
            if let Err(e) = check_assignment(t, &doc.agents[agent], &levels[agent], action) {
                p.push(format!("{}/assignee", base()), e.to_string());
            }
        }
        out.assignee.push(assignee);
        for (j, d) in t.depends_on.iter().enumerate() {
            let at = || format!("/tasks/{i}/depends_on/{j}");
            let Some(target) = resolve(p, &index, d, "task", at) else { continue };
            if repeats.again(i, target) {
                p.push(at(), format!("{d:?} is listed twice"));
                continue;
            }
            depends_on[i].push(target);
        }
    }
    if let Some(cycle) = find_cycle(depends_on.len(), |i| &depends_on[i]) {
        let (names, (from, to)) = name_cycle(&cycle, |n| list[n].key.clone());
        let j = list[from].depends_on.iter().position(|d| index.get(d.as_str()) == Some(&to)).unwrap_or(0);
        p.push(format!("/tasks/{from}/depends_on/{j}"), format!("task dependencies form a cycle: {names}"));
    }
    out.dependencies = depends_on.iter().enumerate().flat_map(|(i, ds)| ds.iter().map(move |&d| (i, d))).collect();
    out
}

/// Facts as `Store::set_fact` checks them, each key once; only workspace files hold them.
fn check_world_state(doc: &Document, p: &mut Problems) {
    if doc.kind == DocumentKind::Plan && !doc.world_state.is_empty() {
        p.push("/world_state", "a plan file holds no world state: export the workspace to carry facts");
    }
    let mut seen = HashSet::with_capacity(doc.world_state.len());
    for (i, fact) in doc.world_state.iter().enumerate() {
        if let Err(e) = check_fact(&fact.key, &fact.value) {
            p.add(place(e.into(), &format!("/world_state/{i}")));
        }
        if !seen.insert(fact.key.as_str()) {
            p.push(format!("/world_state/{i}/key"), format!("duplicate fact {:?}", fact.key));
        }
    }
}

/// The checks the store makes on a task's own fields.
fn task_fields(t: &TaskDoc) -> Result<()> {
    convert::task_fields(t.clone()).validate(&t.key)?;
    Ok(())
}

/// Times are valid, and follow the status as the store sets them: a done task has
/// `completed_at` and no other has; a task in progress or done has `started_at`.
pub(crate) fn task_times(p: &mut Problems, t: &TaskDoc, base: &str) {
    use crate::domain::TaskStatus::*;
    check_time(p, &format!("{base}/created_at"), &t.created_at);
    for (field, value) in [("started_at", &t.started_at), ("completed_at", &t.completed_at)] {
        if let Some(text) = value {
            check_time(p, &format!("{base}/{field}"), text);
        }
    }
    let at = |field: &str| format!("{base}/{field}");
    match (t.status, &t.completed_at) {
        (Done, None) => p.push(at("completed_at"), format!("task {}: a done task needs completed_at", t.key)),
        (Todo | InProgress | Failed | Blocked, Some(_)) => {
            p.push(at("completed_at"), format!("task {}: only a done task has completed_at, this one is {}", t.key, t.status))
        }
        _ => {}
    }
    if matches!(t.status, InProgress | Done) && t.started_at.is_none() {
        p.push(at("started_at"), format!("task {}: a task that is {} needs started_at", t.key, t.status));
    }
}

/// The store's task invariant: an open task's assignee is active and holds every
/// capability the step's action requires, at the required level (`levels`: the
/// agent's capabilities by name).
fn check_assignment(t: &TaskDoc, agent: &AgentDoc, levels: &HashMap<&str, u8>, action: Option<&ActionDoc>) -> Result<()> {
    if !agent.active {
        return Err(Error::AgentInactive { task: t.key.clone(), agent: agent.key.clone() });
    }
    let mut requires: Vec<&CapabilityLevel> = action.map(|a| a.requires.iter().collect()).unwrap_or_default();
    requires.sort_by(|a, b| a.capability.cmp(&b.capability));
    for need in requires {
        let held = levels.get(need.capability.as_str()).copied();
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
