//! Writing PDDL: an action library and a goal as a ground (propositional) STRIPS domain
//! and problem, and a plan as a plan file (one `(action)` per line, then its cost).
//!
//! Every fact must be true or false. A fact becomes a nullary predicate and an action a
//! parameterless one, both named by their key in lower case with `.` written `__`, which
//! the importer reads back as `.`: an imported domain exported and imported again gives
//! the same keys. Conditions keep their meaning exactly or are refused: PDDL's closed
//! world cannot tell an absent fact from a false one, so `= false` is written only for a
//! fact the start state holds (then it can never be absent).

use crate::domain::{Action, Condition, Op, Operand, Plan, Value, WorldState};
use crate::{Entity, Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// A written domain and problem, and the PDDL name of each action (for plan files).
#[derive(Clone, Debug, PartialEq)]
pub struct PddlExport {
    /// The domain file's text.
    pub domain: String,
    /// The problem file's text.
    pub problem: String,
    /// Action key → the PDDL action's name.
    pub names: BTreeMap<String, String>,
    /// Whether every action costs 1 (then the files need no `:action-costs`).
    pub unit_cost: bool,
}

/// Writes `actions` as a domain named `name`, and a problem (also `name`) that starts in
/// `start` and must reach `target`. `about` opens both files as a comment.
pub fn export(name: &str, about: &str, actions: &[Action], start: &WorldState, target: &[(Entity, String, Vec<Condition>)]) -> Result<PddlExport> {
    let name = pddl_name(name);
    let unit_cost = actions.iter().all(|a| a.fields.cost == 1.0);
    let mut sorted: Vec<&Action> = actions.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    let mut predicates = Names::default();
    let mut names = Names::default();
    let mut negative = false;
    let mut body = String::new();
    for (key, value) in start {
        if !matches!(value, Value::Bool(_)) {
            return Err(Error::invalid(Entity::Fact, key, "value", format!("is {value}: PDDL facts are true or false")));
        }
        predicates.name(key, Entity::Fact, key)?;
    }
    for a in &sorted {
        let action = names.name(&a.key, Entity::Action, &a.key)?;
        let mut pre = Vec::new();
        for (i, c) in a.fields.preconditions.iter().enumerate() {
            let (positive, fact) = literal(c, start).map_err(|reason| Error::invalid(Entity::Action, &a.key, format!("preconditions[{i}]"), reason))?;
            negative |= !positive;
            pre.push(atom(positive, &predicates.name(fact, Entity::Action, &a.key)?));
        }
        // One literal per fact, with the value the last effect on it sets.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, e) in a.fields.effects.iter().enumerate() {
            last.insert(&e.key, i);
        }
        let mut eff = Vec::new();
        for (i, e) in a.fields.effects.iter().enumerate() {
            let Value::Bool(v) = e.value else {
                return Err(Error::invalid(Entity::Action, &a.key, format!("effects[{i}]"), format!("sets {} to {}: PDDL facts are true or false", e.key, e.value)));
            };
            if last[e.key.as_str()] == i {
                eff.push(atom(v, &predicates.name(&e.key, Entity::Action, &a.key)?));
            }
        }
        if !unit_cost {
            eff.push(format!("(increase (total-cost) {})", whole_cost(a)?));
        }
        let _ = writeln!(body, "  (:action {action}\n    :parameters ()\n    :precondition {}\n    :effect {})", and(&pre), and(&eff));
    }
    let mut goal = Vec::new();
    for (entity, key, conditions) in target {
        for (i, c) in conditions.iter().enumerate() {
            let (positive, fact) = literal(c, start).map_err(|reason| Error::invalid(*entity, key, format!("postconditions[{i}]"), reason))?;
            negative |= !positive;
            goal.push(atom(positive, &predicates.name(fact, *entity, key)?));
        }
    }
    let mut requirements = String::from(":strips");
    if negative {
        requirements += " :negative-preconditions";
    }
    if !unit_cost {
        requirements += " :action-costs";
    }
    let mut domain = format!("; {about}\n(define (domain {name})\n  (:requirements {requirements})\n");
    if !predicates.used.is_empty() {
        let list: Vec<String> = predicates.used.iter().map(|p| format!("({p})")).collect();
        let _ = writeln!(domain, "  (:predicates {})", list.join(" "));
    }
    if !unit_cost {
        domain += "  (:functions (total-cost) - number)\n";
    }
    domain += &body;
    domain += ")\n";
    let mut init: Vec<String> = start.iter().filter(|(_, v)| **v == Value::Bool(true)).map(|(k, _)| format!("({})", predicates.by_key[k])).collect();
    if !unit_cost {
        init.push("(= (total-cost) 0)".into());
    }
    let mut problem = format!("; {about}\n(define (problem {name})\n  (:domain {name})\n  (:init {})\n  (:goal {})", init.join(" "), and(&goal));
    if !unit_cost {
        problem += "\n  (:metric minimize (total-cost))";
    }
    problem += ")\n";
    Ok(PddlExport { domain, problem, names: names.by_key, unit_cost })
}

/// The start state `synth` reads from a goal: its `=` preconditions as facts.
pub fn start_state(preconditions: &[Condition]) -> WorldState {
    preconditions
        .iter()
        .filter_map(|c| match (&c.op, &c.value) {
            (Op::Eq, Operand::One(v)) => Some((c.key.clone(), v.clone())),
            _ => None,
        })
        .collect()
}

/// A plan file: the plan's steps in an order its edges allow (among the steps free to
/// go next, the one listed first), one `(action)` per line, then the total cost in the
/// comment Fast Downward writes.
pub fn plan_file(export: &PddlExport, plan: &Plan, actions: &[Action]) -> Result<String> {
    let index: HashMap<&str, usize> = plan.steps.iter().enumerate().map(|(i, s)| (s.key.as_str(), i)).collect();
    let mut waiting = vec![0usize; plan.steps.len()];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); plan.steps.len()];
    for e in &plan.edges {
        let (Some(&b), Some(&a)) = (index.get(e.before.as_str()), index.get(e.after.as_str())) else {
            return Err(Error::invalid(Entity::Plan, &plan.key, "edges", format!("edge {} → {} names a step the plan does not have", e.before, e.after)));
        };
        after[b].push(a);
        waiting[a] += 1;
    }
    let mut ready: BTreeSet<usize> = (0..plan.steps.len()).filter(|&i| waiting[i] == 0).collect();
    let by_key: HashMap<&str, &Action> = actions.iter().map(|a| (a.key.as_str(), a)).collect();
    let (mut out, mut cost) = (String::new(), 0i64);
    while let Some(i) = ready.pop_first() {
        let step = &plan.steps[i];
        let (Some(name), Some(action)) = (export.names.get(&step.action), by_key.get(step.action.as_str())) else {
            return Err(Error::not_found(Entity::Action, &step.action));
        };
        cost += if export.unit_cost { 1 } else { whole_cost(action)? };
        let _ = writeln!(out, "({name})");
        for &n in &after[i] {
            waiting[n] -= 1;
            if waiting[n] == 0 {
                ready.insert(n);
            }
        }
    }
    let _ = writeln!(out, "; cost = {cost} ({})", if export.unit_cost { "unit cost" } else { "general cost" });
    Ok(out)
}

/// The PDDL name of a key: lower case, `.` written `__`, prefixed with `k-` when it
/// would not start with a letter or would be a PDDL keyword.
pub fn pddl_name(key: &str) -> String {
    let name = key.to_ascii_lowercase().replace('.', "__");
    const KEYWORDS: [&str; 13] = ["and", "or", "not", "imply", "exists", "forall", "when", "either", "increase", "decrease", "define", "object", "total-cost"];
    if name.starts_with(|c: char| c.is_ascii_lowercase()) && !KEYWORDS.contains(&name.as_str()) {
        name
    } else {
        format!("k-{name}")
    }
}

/// Names handed out, each to one key.
#[derive(Default)]
struct Names {
    by_key: BTreeMap<String, String>,
    used: BTreeSet<String>,
}

impl Names {
    fn name(&mut self, key: &str, entity: Entity, owner: &str) -> Result<String> {
        if let Some(n) = self.by_key.get(key) {
            return Ok(n.clone());
        }
        let n = pddl_name(key);
        if !self.used.insert(n.clone()) {
            let other = self.by_key.iter().find(|(_, v)| **v == n).map_or("", |(k, _)| k.as_str());
            return Err(Error::invalid(entity, owner, "key", format!("{key:?} and {other:?} both become the PDDL name {n}")));
        }
        self.by_key.insert(key.to_owned(), n.clone());
        Ok(n)
    }
}

/// `(positive, fact)` for a condition PDDL can state exactly, or why it cannot.
fn literal<'c>(c: &'c Condition, start: &WorldState) -> std::result::Result<(bool, &'c str), String> {
    let one = match (&c.op, &c.value) {
        (Op::Eq | Op::Ne, Operand::One(v)) => Some((c.op == Op::Eq, v)),
        (Op::In | Op::NotIn, Operand::List(vs)) if vs.len() == 1 => Some((c.op == Op::In, &vs[0])),
        _ => None,
    };
    let Some((equal, Value::Bool(value))) = one else {
        return Err(format!("{c} is not a test of a true-or-false fact, which is all STRIPS can state"));
    };
    let positive = equal == *value;
    // `= true` and `≠ true` read an absent fact as PDDL does (false); `= false` and
    // `≠ false` tell absent from false, which PDDL cannot, unless the fact is never absent.
    if !*value && !start.contains_key(&c.key) {
        return Err(format!("{c}: {} is absent from the start state, and PDDL cannot tell absent from false: record it as false", c.key));
    }
    Ok((positive, &c.key))
}

fn atom(positive: bool, name: &str) -> String {
    if positive {
        format!("({name})")
    } else {
        format!("(not ({name}))")
    }
}

fn and(items: &[String]) -> String {
    match items {
        [] => "(and)".into(),
        [one] => one.clone(),
        many => format!("(and {})", many.join(" ")),
    }
}

fn whole_cost(a: &Action) -> Result<i64> {
    let c = a.fields.cost;
    if c.is_finite() && c >= 0.0 && c.fract() == 0.0 && c <= 1e12 {
        Ok(c as i64)
    } else {
        Err(Error::invalid(Entity::Action, &a.key, "cost", format!("is {c}: PDDL action costs are whole numbers")))
    }
}
