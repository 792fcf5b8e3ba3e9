//! Property tests of plan validation and the critical path against brute force: on small
//! random plans, every linearisation the edges allow is enumerated and replayed, and
//! every path through the DAG is summed. Public API only.

mod common;
use common::builders::action;
use mabos_planner::planning::{critical_path, validate_plan, PlanValidation, Reading, Supplier, ValidationInput};
use mabos_planner::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const FACTS: [&str; 3] = ["a", "b", "c"];

/// A random plan: step `i` (listed at position `listing[i]`) uses action `A{i}`; edges
/// go from a lower to a higher step number, so the steps form a DAG whose listing order
/// is not necessarily a topological one.
#[derive(Clone, Debug)]
struct Spec {
    n: usize,
    edges: Vec<(usize, usize)>,
    listing: Vec<usize>,
    /// (preconditions, effects) per step.
    actions: Vec<(Vec<Condition>, Vec<Effect>)>,
    start: Vec<Condition>,
    goal: Vec<Condition>,
    constraints: Vec<Condition>,
}

fn condition() -> impl Strategy<Value = Condition> {
    let fact = prop::sample::select(FACTS.to_vec());
    (fact, 0..6usize, 0..3i64, 0..3i64).prop_map(|(fact, op, v, w)| match op {
        0 => Condition::new(fact, Op::Eq, Value::Int(v)),
        1 => Condition::new(fact, Op::Ne, Value::Int(v)),
        2 => Condition::new(fact, Op::Ge, Value::Int(v)),
        3 => Condition::new(fact, Op::Lt, Value::Int(v)),
        4 => Condition::one_of(fact, Op::In, vec![Value::Int(v), Value::Int(w)]),
        _ => Condition::one_of(fact, Op::NotIn, vec![Value::Int(v)]),
    })
}

fn effect() -> impl Strategy<Value = Effect> {
    (prop::sample::select(FACTS.to_vec()), 0..3i64).prop_map(|(fact, v)| Effect::new(fact, Value::Int(v)))
}

fn spec() -> impl Strategy<Value = Spec> {
    (0usize..=6).prop_flat_map(|n| {
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
        let edges = prop::collection::vec(prop::bool::weighted(0.3), pairs.len())
            .prop_map(move |keep| pairs.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect::<Vec<_>>());
        let listing = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
        let actions = prop::collection::vec((prop::collection::vec(condition(), 0..3), prop::collection::vec(effect(), 0..3)), n);
        let start = prop::collection::vec((prop::sample::select(FACTS.to_vec()), 0..3i64), 0..3)
            .prop_map(|facts| facts.into_iter().map(|(f, v)| Condition::new(f, Op::Eq, Value::Int(v))).collect::<Vec<_>>());
        let conditions = || prop::collection::vec(condition(), 0..3);
        (Just(n), edges, listing, actions, start, conditions(), conditions()).prop_map(|(n, edges, listing, actions, start, goal, constraints)| Spec {
            n,
            edges,
            listing,
            actions,
            start,
            goal,
            constraints,
        })
    })
}

impl Spec {
    fn plan(&self) -> Plan {
        let mut steps: Vec<Step> = vec![Step { key: String::new(), action: String::new(), note: String::new() }; self.n];
        for i in 0..self.n {
            steps[self.listing[i]] = Step { key: format!("S{i}"), action: format!("A{i}"), note: String::new() };
        }
        let mut fields = PlanFields::titled("random");
        fields.preconditions = self.start.clone();
        fields.constraints = self.constraints.clone();
        Plan {
            key: "P-R".into(),
            goal: "G-R".into(),
            status: PlanStatus::Draft,
            fields,
            steps,
            edges: self.edges.iter().map(|(b, a)| PlanEdge { before: format!("S{b}"), after: format!("S{a}") }).collect(),
        }
    }

    fn actions(&self) -> Vec<Action> {
        (0..self.n)
            .map(|i| {
                let (pre, effects) = self.actions[i].clone();
                action(&format!("A{i}")).named("a").pre(pre).effects(effects).value()
            })
            .collect()
    }

    /// Every order of the steps that keeps each edge's `before` ahead of its `after`.
    fn linearisations(&self) -> Vec<Vec<usize>> {
        fn extend(spec: &Spec, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            if prefix.len() == spec.n {
                out.push(prefix.clone());
                return;
            }
            for s in 0..spec.n {
                let ready = !prefix.contains(&s) && spec.edges.iter().all(|&(b, a)| a != s || prefix.contains(&b));
                if ready {
                    prefix.push(s);
                    extend(spec, prefix, out);
                    prefix.pop();
                }
            }
        }
        let mut out = Vec::new();
        extend(self, &mut Vec::new(), &mut out);
        out
    }
}

/// The value text a reading or a replayed state gives a fact ("absent" when unknown).
fn shown(value: Option<&Value>) -> String {
    value.map_or("absent".into(), Value::to_string)
}

/// What brute force finds, keyed like the report.
#[derive(Debug, Default, PartialEq)]
struct Verdicts {
    /// (step, condition) → (holds in every order, every value the fact had there).
    preconditions: BTreeMap<(String, String), (bool, BTreeSet<String>)>,
    /// goal postcondition → (holds at the end of every order, values).
    goal: BTreeMap<String, (bool, BTreeSet<String>)>,
    /// constraint → holds in every state of every order.
    constraints: BTreeMap<String, bool>,
}

fn merge(map: &mut BTreeMap<String, (bool, BTreeSet<String>)>, key: String, holds: bool, value: String) {
    let entry = map.entry(key).or_insert((true, BTreeSet::new()));
    entry.0 &= holds;
    entry.1.insert(value);
}

fn brute_force(spec: &Spec) -> Verdicts {
    let start: WorldState = planning::facts_of(&spec.start);
    let mut v = Verdicts::default();
    for order in spec.linearisations() {
        let mut state = start.clone();
        let check_constraints = |state: &WorldState, v: &mut Verdicts| {
            for c in &spec.constraints {
                *v.constraints.entry(c.to_string()).or_insert(true) &= c.holds(state);
            }
        };
        check_constraints(&state, &mut v);
        for s in order {
            let (pre, effects) = &spec.actions[s];
            for c in pre {
                let entry = v.preconditions.entry((format!("S{s}"), c.to_string())).or_insert((true, BTreeSet::new()));
                entry.0 &= c.holds(&state);
                entry.1.insert(shown(state.get(&c.key)));
            }
            apply_effects(&mut state, effects);
            check_constraints(&state, &mut v);
        }
        for c in &spec.goal {
            merge(&mut v.goal, c.to_string(), c.holds(&state), shown(state.get(&c.key)));
        }
    }
    v
}

fn from_report(r: &PlanValidation) -> Verdicts {
    let values = |readings: &[Reading]| readings.iter().map(|x| shown(x.value.as_ref())).collect::<BTreeSet<_>>();
    let mut v = Verdicts::default();
    for (list, holds) in [(&r.causal_links, true), (&r.broken_steps, false)] {
        for c in list {
            let entry = v.preconditions.entry((c.step.clone(), c.condition.to_string())).or_insert((true, BTreeSet::new()));
            entry.0 &= holds;
            entry.1.extend(values(&c.readings));
        }
    }
    for u in &r.unmet_postconditions {
        merge(&mut v.goal, u.condition.to_string(), false, String::new());
        v.goal.get_mut(&u.condition.to_string()).unwrap().1 = values(&u.readings);
    }
    for c in &r.constraint_violations {
        v.constraints.insert(c.condition.to_string(), false);
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn validation_agrees_with_every_linearisation(spec in spec()) {
        let plan = spec.plan();
        let actions = spec.actions();
        let input = ValidationInput {
            actions: &actions,
            goal_postconditions: &spec.goal,
            start_state: None,
            start: time::macros::datetime!(2027-01-01 00:00 UTC),
        };
        let report = validate_plan(&plan, &input).unwrap();
        let truth = brute_force(&spec);
        let got = from_report(&report);

        // Preconditions: the same verdict and the same possible values, for every one.
        prop_assert_eq!(&got.preconditions, &truth.preconditions);
        // Postconditions: the report lists exactly those that fail in some order, with
        // exactly the values the fact can end with.
        let unmet_truth: BTreeMap<_, _> = truth.goal.iter().filter(|(_, (holds, _))| !holds).map(|(k, (_, vals))| (k.clone(), vals.clone())).collect();
        let unmet_got: BTreeMap<_, _> = got.goal.iter().map(|(k, (_, vals))| (k.clone(), vals.clone())).collect();
        prop_assert_eq!(unmet_got, unmet_truth);
        // Constraints: violated exactly when some state of some order breaks them.
        let broken_truth: BTreeSet<_> = truth.constraints.iter().filter(|(_, ok)| !**ok).map(|(k, _)| k.clone()).collect();
        let broken_got: BTreeSet<_> = got.constraints.keys().cloned().collect();
        prop_assert_eq!(broken_got, broken_truth);
        // Every supplier named in a reading is the start state or a step of the plan.
        for c in report.causal_links.iter().chain(&report.broken_steps) {
            for r in &c.readings {
                if let Supplier::Step { step } = &r.from {
                    prop_assert!(step != &c.step, "{} cannot supply itself", step);
                }
            }
        }
    }

    #[test]
    fn the_critical_path_is_the_longest_path(spec in spec(), quarters in prop::collection::vec(0u32..=40, 6)) {
        let plan = spec.plan();
        let mut actions = spec.actions();
        // Whole quarter hours add up exactly in binary, so brute-force sums compare exactly.
        for (a, q) in actions.iter_mut().zip(&quarters) {
            a.fields.duration = f64::from(*q) / 4.0;
        }
        let hours = |s: usize| actions[s].fields.duration;
        let cp = critical_path(&plan, &actions).unwrap();

        // Every path, from every step, as (steps, length).
        let mut paths: Vec<(Vec<usize>, f64)> = Vec::new();
        let mut stack: Vec<(Vec<usize>, f64)> = (0..spec.n).map(|s| (vec![s], hours(s))).collect();
        while let Some((path, length)) = stack.pop() {
            let last = *path.last().unwrap();
            for &(b, a) in &spec.edges {
                if b == last {
                    let mut longer = path.clone();
                    longer.push(a);
                    stack.push((longer, length + hours(a)));
                }
            }
            paths.push((path, length));
        }
        let longest = paths.iter().map(|p| p.1).fold(0.0, f64::max);
        prop_assert_eq!(cp.duration_hours, longest);

        let on_longest: Vec<&Vec<usize>> = paths.iter().filter(|p| p.1 == longest).map(|p| &p.0).collect();
        for s in &cp.steps {
            let i: usize = s.step[1..].parse().unwrap();
            prop_assert!(s.slack >= 0.0);
            prop_assert_eq!(s.earliest_finish - s.earliest_start, hours(i));
            prop_assert!(s.latest_finish <= longest);
            // Zero slack exactly on the steps of some longest path (that ends at a sink
            // and starts at a source: any longest path does).
            let critical = spec.n > 0 && on_longest.iter().any(|p| p.contains(&i));
            prop_assert_eq!(s.slack == 0.0, critical, "step {}", s.step);
            prop_assert_eq!(s.critical, critical);
        }
        // Critical edges: exactly the edges some longest path takes.
        let mut expected: Vec<(String, String)> = spec
            .edges
            .iter()
            .filter(|(b, a)| on_longest.iter().any(|p| p.windows(2).any(|w| w[0] == *b && w[1] == *a)))
            .map(|(b, a)| (format!("S{b}"), format!("S{a}")))
            .collect();
        expected.sort();
        let got: Vec<(String, String)> = cp.critical_edges.iter().map(|e| (e.before.clone(), e.after.clone())).collect();
        prop_assert_eq!(got, expected);
    }
}
