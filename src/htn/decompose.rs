//! Total-order forward decomposition (SHOP-style): subtasks are decomposed in list
//! order while the world state is simulated through each action (its preconditions
//! must hold, then its effects apply). A goal's methods are tried by priority, then key;
//! the first whose conditions hold and whose subtasks all decompose wins. When a method
//! fails part-way, the next one starts again from the state the goal began in.

use crate::domain::{GoalFailure, GoalFailureReason, MethodAttempt, MethodFailure};
use super::method::{Method, SubtaskKind};
use super::precedence::precedence;
use super::tree::{Node, Part};
use crate::domain::{Action, Effect, Value, WorldState};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Bounds on the search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of goals (the goal decomposed is at depth 0).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_depth: 64 }
    }
}

/// A successful decomposition: the actions to perform, in an order that works, and the
/// tree of choices that produced them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Decomposition {
    pub goal: String,
    /// Action keys in the order the decomposition simulated them.
    pub actions: Vec<String>,
    /// `(before, after)` as positions in `actions`: what a plan must keep ordered. Every
    /// order of the actions that respects these reaches the same state with every
    /// precondition met. Transitively reduced, sorted.
    pub edges: Vec<(usize, usize)>,
    pub tree: Node,
    /// The world state after the last action.
    pub final_state: WorldState,
}

/// Decomposes `goal` from `state` with the default [`Limits`].
pub fn decompose(goal: &str, state: &WorldState, methods: &[Method], actions: &[Action]) -> Result<Decomposition> {
    decompose_with(goal, state, methods, actions, Limits::default())
}

/// Decomposes `goal` from `state`; when nothing works, [`Error::NotDecomposable`]
/// carries the whole explanation.
pub fn decompose_with(goal: &str, state: &WorldState, methods: &[Method], actions: &[Action], limits: Limits) -> Result<Decomposition> {
    let library = Library::new(methods, actions, limits);
    let mut run = Run { sim: Sim { facts: state.clone(), log: Vec::new() }, steps: Vec::new(), stack: Vec::new() };
    match library.goal(goal, 0, &mut run) {
        Ok(tree) => Ok(Decomposition {
            goal: goal.to_owned(),
            actions: run.steps.iter().map(|a| a.key.clone()).collect(),
            edges: precedence(&tree, &run.steps),
            tree,
            final_state: run.sim.facts,
        }),
        Err(failure) => Err(Error::NotDecomposable { goal: goal.to_owned(), failure: Box::new(failure) }),
    }
}

struct Library<'a> {
    /// Per goal, its methods in the order they are tried.
    methods: HashMap<&'a str, Vec<&'a Method>>,
    actions: HashMap<&'a str, &'a Action>,
    limits: Limits,
}

/// The simulated world state, with an undo log: a failed method is rolled back instead
/// of working on a copy, so that the cost of a step does not grow with the state.
struct Sim {
    facts: WorldState,
    /// (fact, its value before the change), oldest first.
    log: Vec<(String, Option<Value>)>,
}

impl Sim {
    fn apply(&mut self, effects: &[Effect]) {
        for e in effects {
            let before = self.facts.insert(e.key.clone(), e.value.clone());
            self.log.push((e.key.clone(), before));
        }
    }

    fn mark(&self) -> usize {
        self.log.len()
    }

    fn rollback(&mut self, mark: usize) {
        while self.log.len() > mark {
            let Some((key, before)) = self.log.pop() else { break };
            match before {
                Some(v) => self.facts.insert(key, v),
                None => self.facts.remove(&key),
            };
        }
    }

    /// Whether the facts are what they were at `mark`: every fact changed since holds
    /// its value from then (the first log entry after `mark` for it).
    fn unchanged_since(&self, mark: usize) -> bool {
        let mut seen = HashSet::new();
        self.log[mark..].iter().all(|(key, before)| !seen.insert(key.as_str()) || self.facts.get(key) == before.as_ref())
    }
}

/// One decomposition in progress: the state, the actions so far, and the goals being
/// decomposed above the current one (with the log mark each began at).
struct Run<'a> {
    sim: Sim,
    steps: Vec<&'a Action>,
    stack: Vec<(String, usize)>,
}

impl<'a> Library<'a> {
    fn new(methods: &'a [Method], actions: &'a [Action], limits: Limits) -> Library<'a> {
        let mut by_goal: HashMap<&str, Vec<&Method>> = HashMap::new();
        for m in methods {
            by_goal.entry(m.goal.as_str()).or_default().push(m);
        }
        for list in by_goal.values_mut() {
            list.sort_by(|a, b| b.fields.priority.cmp(&a.fields.priority).then_with(|| a.key.cmp(&b.key)));
        }
        Library { methods: by_goal, actions: actions.iter().map(|a| (a.key.as_str(), a)).collect(), limits }
    }

    /// Decomposes `goal` from the run's state; on failure the run is as it was.
    fn goal(&self, goal: &str, depth: usize, run: &mut Run<'a>) -> Result<Node, GoalFailure> {
        let fail = |reason| GoalFailure { goal: goal.to_owned(), reason };
        // The same goal in the same state cannot make progress: decomposition is
        // deterministic, so it would recurse for ever. (In another state it may: that
        // is how recursive methods count down.)
        if let Some(i) = run.stack.iter().position(|(g, mark)| g == goal && run.sim.unchanged_since(*mark)) {
            let mut chain: Vec<String> = run.stack[i..].iter().map(|(g, _)| g.clone()).collect();
            chain.push(goal.to_owned());
            return Err(fail(GoalFailureReason::Cycle { chain }));
        }
        if depth > self.limits.max_depth {
            return Err(fail(GoalFailureReason::DepthLimit { limit: self.limits.max_depth }));
        }
        let Some(methods) = self.methods.get(goal) else {
            return Err(fail(GoalFailureReason::NoMethods));
        };
        run.stack.push((goal.to_owned(), run.sim.mark()));
        let mut attempts = Vec::new();
        for m in methods {
            match self.method(m, depth, run) {
                Ok(mut node) => {
                    run.stack.pop();
                    node.skipped = attempts;
                    return Ok(node);
                }
                Err(failure) => attempts.push(MethodAttempt { method: m.key.clone(), failure: *failure }),
            }
        }
        run.stack.pop();
        Err(fail(GoalFailureReason::MethodsFailed { attempts }))
    }

    /// Applies one method; on failure rolls the run back to where it began.
    // Failures are boxed: they are large, and the success path should not pay for them.
    fn method(&self, m: &Method, depth: usize, run: &mut Run<'a>) -> Result<Node, Box<MethodFailure>> {
        let facts = &run.sim.facts;
        if let Some((index, c)) = m.fields.conditions.iter().enumerate().find(|(_, c)| !c.holds(facts)) {
            return Err(Box::new(MethodFailure::Condition { index, condition: c.clone(), actual: facts.get(&c.key).cloned() }));
        }
        let (mark, first_step) = (run.sim.mark(), run.steps.len());
        let mut parts = Vec::with_capacity(m.fields.subtasks.len());
        for (position, sub) in m.fields.subtasks.iter().enumerate() {
            let outcome = match sub.kind {
                SubtaskKind::Action => self.action(&sub.key, position, run).map(|step| Part::Action { step, action: sub.key.clone() }),
                SubtaskKind::Goal => self
                    .goal(&sub.key, depth + 1, run)
                    .map(|node| Part::Goal { node })
                    .map_err(|failure| Box::new(MethodFailure::Subgoal { position, failure })),
            };
            match outcome {
                Ok(part) => parts.push(part),
                Err(failure) => {
                    run.sim.rollback(mark);
                    run.steps.truncate(first_step);
                    return Err(failure);
                }
            }
        }
        Ok(Node { goal: m.goal.clone(), method: m.key.clone(), ordered: m.fields.ordered, skipped: Vec::new(), parts })
    }

    /// Runs one action: its step number, or why it is not applicable.
    fn action(&self, key: &str, position: usize, run: &mut Run<'a>) -> Result<usize, Box<MethodFailure>> {
        let Some(&action) = self.actions.get(key) else {
            return Err(Box::new(MethodFailure::UnknownAction { position, action: key.to_owned() }));
        };
        let facts = &run.sim.facts;
        if let Some((index, c)) = action.fields.preconditions.iter().enumerate().find(|(_, c)| !c.holds(facts)) {
            let actual = facts.get(&c.key).cloned();
            return Err(Box::new(MethodFailure::Action { position, action: key.to_owned(), index, condition: c.clone(), actual }));
        }
        run.sim.apply(&action.fields.effects);
        run.steps.push(action);
        Ok(run.steps.len() - 1)
    }
}

impl Decomposition {
    /// Every method chosen anywhere in the tree, sorted, each once.
    pub fn methods_used(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut stack = vec![&self.tree];
        while let Some(node) = stack.pop() {
            out.push(node.method.as_str());
            stack.extend(node.parts.iter().filter_map(|p| match p {
                Part::Goal { node } => Some(node),
                Part::Action { .. } => None,
            }));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Which method placed each action: `methods()[i]` is the method whose subtask list
    /// holds `actions[i]`.
    pub fn methods(&self) -> Vec<&str> {
        let mut out = vec![""; self.actions.len()];
        fn walk<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
            for p in &node.parts {
                match p {
                    Part::Action { step, .. } => out[*step] = &node.method,
                    Part::Goal { node: child } => walk(child, out),
                }
            }
        }
        walk(&self.tree, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionFields, Condition, Effect, Op, Value};
    use crate::htn::{GoalFailure, MethodFields, Subtask};

    fn action(key: &str, pre: Vec<Condition>, effects: Vec<Effect>) -> Action {
        let mut fields = ActionFields::named(key, 1.0, 1.0);
        fields.preconditions = pre;
        fields.effects = effects;
        Action { key: key.to_owned(), fields }
    }

    fn method(key: &str, goal: &str, priority: u8, conditions: Vec<Condition>, subtasks: Vec<Subtask>) -> Method {
        Method { key: key.to_owned(), goal: goal.to_owned(), fields: MethodFields { priority, conditions, ..MethodFields::named(key, subtasks) } }
    }

    fn is(key: &str) -> Condition {
        Condition::new(key, Op::Eq, Value::Bool(true))
    }

    fn set(key: &str) -> Effect {
        Effect::new(key, Value::Bool(true))
    }

    fn state(facts: &[(&str, Value)]) -> WorldState {
        facts.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn failure(result: Result<Decomposition>) -> GoalFailure {
        match result {
            Err(Error::NotDecomposable { failure, .. }) => *failure,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    /// Which method each decomposed goal chose, depth first: `G:M`.
    fn choices(node: &Node) -> Vec<String> {
        let mut out = vec![format!("{}:{}", node.goal, node.method)];
        for p in &node.parts {
            if let Part::Goal { node } = p {
                out.extend(choices(node));
            }
        }
        out
    }

    #[test]
    fn methods_are_tried_by_priority_then_key() {
        let actions = [action("A-1", vec![], vec![]), action("A-2", vec![], vec![]), action("A-3", vec![], vec![])];
        // Listed out of order on purpose: M-B and M-A share priority 7, M-C has 3.
        let methods = [
            method("M-C", "G", 3, vec![], vec![Subtask::action("A-3")]),
            method("M-B", "G", 7, vec![], vec![Subtask::action("A-2")]),
            method("M-A", "G", 7, vec![], vec![Subtask::action("A-1")]),
        ];
        let d = decompose("G", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-1"]);
        assert_eq!((d.tree.method.as_str(), d.tree.skipped.len()), ("M-A", 0));
    }

    #[test]
    fn a_failed_condition_skips_a_method_and_says_which() {
        let actions = [action("A-FAST", vec![], vec![]), action("A-SLOW", vec![], vec![])];
        let methods = [
            method("M-FAST", "G", 9, vec![Condition::new("budget", Op::Ge, Value::Int(100)), is("urgent")], vec![Subtask::action("A-FAST")]),
            method("M-SLOW", "G", 1, vec![], vec![Subtask::action("A-SLOW")]),
        ];
        let d = decompose("G", &state(&[("budget", Value::Int(500))]), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-SLOW"]);
        assert_eq!(
            d.tree.skipped,
            [MethodAttempt {
                method: "M-FAST".into(),
                failure: MethodFailure::Condition { index: 1, condition: is("urgent"), actual: None },
            }]
        );
        assert_eq!(d.tree.skipped[0].failure.summary(), "conditions[1] urgent = true fails (urgent is absent)");
    }

    #[test]
    fn backtracks_to_the_next_method_when_a_subtree_fails() {
        // G's first method needs SUB, whose only method runs A-LOCKED, which needs a key
        // nobody has; the second method of G works. The state must not leak: A-OPEN ran
        // inside the failed attempt, and its effect is gone.
        let actions = [
            action("A-OPEN", vec![], vec![set("door.open")]),
            action("A-LOCKED", vec![is("have.key")], vec![]),
            action("A-WALK", vec![], vec![set("walked")]),
        ];
        let methods = [
            method("M-1", "G", 5, vec![], vec![Subtask::action("A-OPEN"), Subtask::goal("SUB")]),
            method("M-2", "G", 4, vec![], vec![Subtask::action("A-WALK")]),
            method("M-SUB", "SUB", 5, vec![], vec![Subtask::action("A-LOCKED")]),
        ];
        let d = decompose("G", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-WALK"]);
        assert_eq!(d.final_state, state(&[("walked", Value::Bool(true))]));
        let skipped = &d.tree.skipped[0];
        assert_eq!(skipped.method, "M-1");
        let MethodFailure::Subgoal { position: 1, failure } = &skipped.failure else { panic!("{skipped:?}") };
        assert_eq!(
            failure.reason,
            GoalFailureReason::MethodsFailed {
                attempts: vec![MethodAttempt {
                    method: "M-SUB".into(),
                    failure: MethodFailure::Action { position: 0, action: "A-LOCKED".into(), index: 0, condition: is("have.key"), actual: None },
                }]
            }
        );
    }

    #[test]
    fn the_state_flows_through_actions_and_sub_goals() {
        // BUILD needs what DESIGN set; SHIP's method is chosen by a fact BUILD set.
        let actions = [
            action("A-DESIGN", vec![], vec![set("design.ready")]),
            action("A-BUILD", vec![is("design.ready")], vec![Effect::new("stage", Value::Text("built".into()))]),
            action("A-SHIP", vec![], vec![set("shipped")]),
            action("A-PATCH", vec![], vec![]),
        ];
        let methods = [
            method("M-TOP", "G", 5, vec![], vec![Subtask::goal("MAKE"), Subtask::goal("SHIP")]),
            method("M-MAKE", "MAKE", 5, vec![], vec![Subtask::action("A-DESIGN"), Subtask::action("A-BUILD")]),
            method("M-SHIP-BUILT", "SHIP", 6, vec![Condition::new("stage", Op::Eq, Value::Text("built".into()))], vec![Subtask::action("A-SHIP")]),
            method("M-SHIP-OTHER", "SHIP", 5, vec![], vec![Subtask::action("A-PATCH")]),
        ];
        let d = decompose("G", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-DESIGN", "A-BUILD", "A-SHIP"]);
        assert_eq!(choices(&d.tree), ["G:M-TOP", "MAKE:M-MAKE", "SHIP:M-SHIP-BUILT"]);
        assert_eq!(d.methods(), ["M-MAKE", "M-MAKE", "M-SHIP-BUILT"]);
        // Ordered all the way down: a chain.
        assert_eq!(d.edges, [(0, 1), (1, 2)]);
    }

    #[test]
    fn conditions_with_each_operator() {
        let actions = [action("A", vec![], vec![])];
        let s = state(&[("n", Value::Int(5)), ("region", Value::Text("eu".into())), ("ok", Value::Bool(true))]);
        // (condition, holds in s) — worked out by hand.
        let cases = [
            (Condition::new("n", Op::Eq, Value::Number(5.0)), true),
            (Condition::new("n", Op::Ne, Value::Int(5)), false),
            (Condition::new("absent", Op::Ne, Value::Int(5)), true),
            (Condition::new("n", Op::Gt, Value::Int(4)), true),
            (Condition::new("n", Op::Gt, Value::Int(5)), false),
            (Condition::new("n", Op::Lt, Value::Number(5.5)), true),
            (Condition::new("n", Op::Le, Value::Int(4)), false),
            (Condition::new("n", Op::Ge, Value::Int(5)), true),
            (Condition::one_of("region", Op::In, vec![Value::Text("us".into()), Value::Text("eu".into())]), true),
            (Condition::one_of("region", Op::In, vec![Value::Text("us".into())]), false),
            (Condition::one_of("region", Op::NotIn, vec![Value::Text("us".into())]), true),
            (Condition::one_of("region", Op::NotIn, vec![Value::Text("eu".into())]), false),
            (Condition::one_of("absent", Op::NotIn, vec![Value::Int(1)]), true),
            (Condition::new("ok", Op::Eq, Value::Bool(true)), true),
            (Condition::new("absent", Op::Eq, Value::Bool(true)), false),
        ];
        for (condition, holds) in cases {
            let methods = [method("M", "G", 5, vec![condition.clone()], vec![Subtask::action("A")])];
            let result = decompose("G", &s, &methods, &actions);
            assert_eq!(result.is_ok(), holds, "{condition}");
            if !holds {
                let f = failure(result);
                let GoalFailureReason::MethodsFailed { attempts } = f.reason else { panic!() };
                assert_eq!(attempts[0].failure, MethodFailure::Condition { index: 0, condition: condition.clone(), actual: s.get(&condition.key).cloned() });
            }
        }
    }

    #[test]
    fn a_goal_that_decomposes_into_itself_is_a_cycle() {
        let actions = [action("A", vec![], vec![])];
        let methods = [
            method("M-G", "G", 5, vec![], vec![Subtask::goal("H")]),
            method("M-H", "H", 5, vec![], vec![Subtask::goal("G")]),
            method("M-SELF", "S", 5, vec![], vec![Subtask::goal("S"), Subtask::action("A")]),
        ];
        let f = failure(decompose("G", &WorldState::new(), &methods, &actions));
        let GoalFailureReason::MethodsFailed { attempts } = &f.reason else { panic!("{f:?}") };
        let MethodFailure::Subgoal { failure: h, .. } = &attempts[0].failure else { panic!() };
        let GoalFailureReason::MethodsFailed { attempts } = &h.reason else { panic!() };
        let MethodFailure::Subgoal { failure: g, .. } = &attempts[0].failure else { panic!() };
        assert_eq!(g.reason, GoalFailureReason::Cycle { chain: vec!["G".into(), "H".into(), "G".into()] });
        let f = failure(decompose("S", &WorldState::new(), &methods, &actions));
        assert!(f.explain().contains("goal S decomposes into itself: S → S"), "{}", f.explain());
    }

    #[test]
    fn recursion_that_changes_the_state_is_no_cycle() {
        // Count up to 3: the same goal recurs, each time in a new state.
        let actions = [
            action("A-0", vec![], vec![Effect::new("n", Value::Int(1))]),
            action("A-1", vec![Condition::new("n", Op::Eq, Value::Int(1))], vec![Effect::new("n", Value::Int(2))]),
            action("A-2", vec![Condition::new("n", Op::Eq, Value::Int(2))], vec![Effect::new("n", Value::Int(3))]),
        ];
        let step = |k: &str, n: i64| method(k, "COUNT", 5, vec![Condition::new("n", Op::Eq, Value::Int(n))], vec![Subtask::action(&format!("A-{n}")), Subtask::goal("COUNT")]);
        let methods = [
            method("M-START", "COUNT", 5, vec![Condition::new("n", Op::Ne, Value::Int(0)), Condition::one_of("n", Op::NotIn, vec![Value::Int(1), Value::Int(2), Value::Int(3)])], vec![Subtask::action("A-0"), Subtask::goal("COUNT")]),
            step("M-STEP-1", 1),
            step("M-STEP-2", 2),
            method("M-DONE", "COUNT", 5, vec![Condition::new("n", Op::Ge, Value::Int(3))], vec![]),
        ];
        let d = decompose("COUNT", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-0", "A-1", "A-2"]);
        assert_eq!(choices(&d.tree), ["COUNT:M-START", "COUNT:M-STEP-1", "COUNT:M-STEP-2", "COUNT:M-DONE"]);
        // With a depth limit of 2 the fourth level is refused.
        let f = failure(decompose_with("COUNT", &WorldState::new(), &methods, &actions, Limits { max_depth: 2 }));
        assert!(f.explain().contains("goal COUNT is nested deeper than 2 goals"), "{}", f.explain());
    }

    #[test]
    fn nothing_applies_explains_every_method() {
        let actions = [action("A", vec![Condition::new("stock", Op::Gt, Value::Int(0))], vec![])];
        let methods = [
            method("M-1", "G", 5, vec![Condition::one_of("region", Op::In, vec![Value::Text("eu".into())])], vec![Subtask::action("A")]),
            method("M-2", "G", 4, vec![], vec![Subtask::action("A")]),
            method("M-3", "G", 3, vec![], vec![Subtask::action("A-GONE")]),
            method("M-4", "G", 2, vec![], vec![Subtask::goal("NONE")]),
        ];
        let err = decompose("G", &state(&[("stock", Value::Int(0)), ("region", Value::Text("us".into()))]), &methods, &actions).unwrap_err();
        assert_eq!(err.code(), "not_decomposable");
        let Error::NotDecomposable { failure, .. } = &err else { panic!() };
        assert_eq!(
            failure.explain(),
            "goal G: every method failed\n  \
             method M-1: conditions[0] region in [\"eu\"] fails (region is \"us\")\n  \
             method M-2: subtask 0: action A is not applicable: preconditions[0] stock > 0 fails (stock is 0)\n  \
             method M-3: subtask 0: no action has the key \"A-GONE\"\n  \
             method M-4: subtask 0: goal NONE cannot be decomposed\n    \
             goal NONE has no methods\n"
        );
        assert!(err.to_string().starts_with("goal G cannot be decomposed: no method of goal G applies (M-1: conditions[0]"), "{err}");
    }

    #[test]
    fn unordered_methods_order_only_what_interferes() {
        // A-SITE and A-COPY are independent; A-LOAD reads what both write; A-LOG reads
        // and writes nothing the others touch.
        let actions = [
            action("A-SITE", vec![], vec![set("site")]),
            action("A-COPY", vec![], vec![set("copy")]),
            action("A-LOAD", vec![is("site"), is("copy")], vec![set("loaded")]),
            action("A-LOG", vec![], vec![set("log")]),
        ];
        let mut m = method("M", "G", 5, vec![], ["A-SITE", "A-COPY", "A-LOAD", "A-LOG"].map(Subtask::action).to_vec());
        m.fields.ordered = false;
        let d = decompose("G", &WorldState::new(), &[m.clone()], &actions).unwrap();
        assert_eq!(d.edges, [(0, 2), (1, 2)]);
        m.fields.ordered = true;
        let d = decompose("G", &WorldState::new(), &[m], &actions).unwrap();
        assert_eq!(d.edges, [(0, 1), (1, 2), (2, 3)]);
    }

    #[test]
    fn an_ordered_parent_orders_whole_unordered_children() {
        // G (ordered) = [PAR, A-END]; PAR (unordered) = [A-X, A-Y], independent.
        let actions = [action("A-X", vec![], vec![set("x")]), action("A-Y", vec![], vec![set("y")]), action("A-END", vec![], vec![])];
        let mut par = method("M-PAR", "PAR", 5, vec![], vec![Subtask::action("A-X"), Subtask::action("A-Y")]);
        par.fields.ordered = false;
        let methods = [method("M-G", "G", 5, vec![], vec![Subtask::goal("PAR"), Subtask::goal("EMPTY"), Subtask::action("A-END")]), par, method("M-E", "EMPTY", 5, vec![], vec![])];
        let d = decompose("G", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-X", "A-Y", "A-END"]);
        assert_eq!(d.edges, [(0, 2), (1, 2)]);
    }
}
