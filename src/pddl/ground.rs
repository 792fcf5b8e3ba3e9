//! Grounding: every action schema instantiated with every tuple of objects its
//! parameter types allow, equality literals decided, and instances whose static
//! preconditions (on predicates no action changes) fail in the initial state dropped,
//! as they can never run. Atoms become boolean facts (docs/pddl.md has the mapping).

use super::ast::{Domain, Literal, Problem, Schema, Term};
use super::{atom_key, PddlFile, MAX_CANDIDATES, MAX_GROUND_ACTIONS};
use crate::domain::{check_fact_key, Condition, Effect, Key, Op, Value};
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One ground action: its key (`move.a.b`), its PDDL form and what it needs and does.
#[derive(Clone, Debug, PartialEq)]
pub struct GroundAction {
    /// `schema.arg1.arg2…`, a valid action key.
    pub key: String,
    /// The schema's name.
    pub schema: String,
    /// The objects, in parameter order.
    pub args: Vec<String>,
    /// Positive literals as `= true`, negative ones as `≠ true`, in schema order.
    pub preconditions: Vec<Condition>,
    /// Deletes (`= false`) first, then adds (`= true`), each atom once; an atom both
    /// deleted and added is only added, as in PDDL an add wins over a delete.
    pub effects: Vec<Effect>,
}

/// Fact keys handed out so far, each with the atom it names: two atoms must never share
/// a key (they could, through `__` in names, which reads as `.`).
#[derive(Default)]
pub struct Facts {
    atoms: HashMap<String, (String, Vec<String>)>,
}

impl Facts {
    /// The key of `(predicate args…)`, or why it cannot have one.
    fn key(&mut self, predicate: &str, args: &[&str]) -> Result<String, String> {
        let key = atom_key(predicate, args);
        check_fact_key(&key).map_err(|reason| format!("fact {key:?} {reason}"))?;
        let atom = (predicate.to_owned(), args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>());
        match self.atoms.get(&key) {
            Some(other) if *other != atom => Err(format!(
                "atoms ({} {}) and ({} {}) would both be the fact {key:?} (\"__\" in a name reads as '.')",
                other.0,
                other.1.join(" "),
                atom.0,
                atom.1.join(" ")
            )),
            Some(_) => Ok(key),
            None => {
                self.atoms.insert(key.clone(), atom);
                Ok(key)
            }
        }
    }
}

/// Grounds every schema of `domain` over the objects of `problem`, in schema order,
/// then argument order.
pub fn actions(domain: &Domain, problem: &Problem, facts: &mut Facts) -> Result<Vec<GroundAction>> {
    let err = |schema: &Schema, message: String| Error::Pddl { file: PddlFile::Domain, line: schema.pos.line, column: schema.pos.column, message };
    let mut objects: BTreeMap<&str, &str> = domain.constants.iter().map(|(o, t)| (o.as_str(), t.as_str())).collect();
    objects.extend(problem.objects.iter().map(|(o, t)| (o.as_str(), t.as_str())));
    let changed: HashSet<&str> = domain.actions.iter().flat_map(|a| a.effect.iter()).filter_map(|l| match l {
        Literal::Atom { predicate, .. } => Some(predicate.as_str()),
        Literal::Equal { .. } => None,
    }).collect();
    let init: HashSet<(&str, Vec<&str>)> = problem.init.iter().map(|(p, args)| (p.as_str(), args.iter().map(String::as_str).collect())).collect();
    let mut out = Vec::new();
    let mut keys = HashSet::new();
    let mut candidates = 0usize;
    for schema in &domain.actions {
        let choices: Vec<Vec<&str>> = schema
            .params
            .iter()
            .map(|(_, ty)| objects.iter().filter(|(_, t)| domain.is_subtype(t, ty)).map(|(o, _)| *o).collect())
            .collect();
        if choices.iter().any(Vec::is_empty) {
            continue;
        }
        let mut index = vec![0usize; choices.len()];
        loop {
            candidates += 1;
            if candidates > MAX_CANDIDATES {
                return Err(err(schema, format!("grounding would try more than {MAX_CANDIDATES} parameter tuples: the problem is too large to import")));
            }
            let args: Vec<&str> = index.iter().zip(&choices).map(|(&i, c)| c[i]).collect();
            if let Some(ground) = instantiate(schema, &args, &changed, &init, facts).map_err(|m| err(schema, m))? {
                if out.len() >= MAX_GROUND_ACTIONS {
                    return Err(err(schema, format!("the problem grounds to more than {MAX_GROUND_ACTIONS} actions: too large to import")));
                }
                Key::parse(&ground.key).map_err(|reason| err(schema, format!("action ({} {}) would have the key {:?}, which {reason}", schema.name, args.join(" "), ground.key)))?;
                if !keys.insert(ground.key.clone()) {
                    return Err(err(schema, format!("two ground actions would have the key {:?} (a name containing \"__\" reads as '.')", ground.key)));
                }
                out.push(ground);
            }
            // The next tuple, last parameter fastest.
            let mut i = index.len();
            loop {
                if i == 0 {
                    break;
                }
                i -= 1;
                index[i] += 1;
                if index[i] < choices[i].len() {
                    break;
                }
                index[i] = 0;
            }
            if index.iter().all(|&i| i == 0) {
                break;
            }
        }
    }
    Ok(out)
}

/// The ground literals of a problem's goal as conditions; a false equality is refused.
pub fn goal(problem: &Problem, facts: &mut Facts) -> Result<Vec<Condition>> {
    let mut out = Vec::new();
    for lit in &problem.goal {
        match lit {
            Literal::Atom { positive, predicate, args, pos } => {
                let args: Vec<&str> = args.iter().map(|t| name_of(t, &[], &[])).collect();
                let key = facts.key(predicate, &args).map_err(|message| Error::Pddl { file: PddlFile::Problem, line: pos.line, column: pos.column, message })?;
                out.push(condition(*positive, &key));
            }
            Literal::Equal { positive, left, right, pos } => {
                if (left == right) != *positive {
                    return Err(Error::Pddl { file: PddlFile::Problem, line: pos.line, column: pos.column, message: "the goal requires an equality that is false: no plan can reach it".into() });
                }
            }
        }
    }
    Ok(out)
}

/// The initial atoms as fact keys, sorted and each once.
pub fn init(problem: &Problem, facts: &mut Facts) -> Result<BTreeSet<String>> {
    problem
        .init
        .iter()
        .map(|(p, args)| {
            facts
                .key(p, &args.iter().map(String::as_str).collect::<Vec<_>>())
                .map_err(|message| Error::Pddl { file: PddlFile::Problem, line: 0, column: 0, message })
        })
        .collect()
}

fn condition(positive: bool, key: &str) -> Condition {
    Condition::new(key, if positive { Op::Eq } else { Op::Ne }, Value::Bool(true))
}

fn name_of<'a>(term: &'a Term, params: &[(String, String)], args: &[&'a str]) -> &'a str {
    match term {
        Term::Name(n) => n,
        Term::Var(v) => params.iter().position(|(p, _)| p == v).map_or("", |i| args[i]),
    }
}

/// The schema with `args`, or `None` when an equality or a static precondition rules it out.
fn instantiate(
    schema: &Schema,
    args: &[&str],
    changed: &HashSet<&str>,
    init: &HashSet<(&str, Vec<&str>)>,
    facts: &mut Facts,
) -> Result<Option<GroundAction>, String> {
    let mut preconditions = Vec::new();
    for lit in &schema.precondition {
        match lit {
            Literal::Equal { positive, left, right, .. } => {
                if (name_of(left, &schema.params, args) == name_of(right, &schema.params, args)) != *positive {
                    return Ok(None);
                }
            }
            Literal::Atom { positive, predicate, args: terms, .. } => {
                let ground: Vec<&str> = terms.iter().map(|t| name_of(t, &schema.params, args)).collect();
                if !changed.contains(predicate.as_str()) && init.contains(&(predicate.as_str(), ground.clone())) != *positive {
                    return Ok(None);
                }
                preconditions.push(condition(*positive, &facts.key(predicate, &ground)?));
            }
        }
    }
    let mut deletes = Vec::new();
    let mut adds = Vec::new();
    for lit in &schema.effect {
        if let Literal::Atom { positive, predicate, args: terms, .. } = lit {
            let ground: Vec<&str> = terms.iter().map(|t| name_of(t, &schema.params, args)).collect();
            let effect = Effect::new(&facts.key(predicate, &ground)?, Value::Bool(*positive));
            let list = if *positive { &mut adds } else { &mut deletes };
            if !list.contains(&effect) {
                list.push(effect);
            }
        }
    }
    // An atom both deleted and added ends up true: keep only the add.
    deletes.retain(|d| !adds.iter().any(|a| a.key == d.key));
    deletes.extend(adds);
    let arg_names: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    Ok(Some(GroundAction { key: atom_key(&schema.name, args), schema: schema.name.clone(), args: arg_names, preconditions, effects: deletes }))
}
