//! Total-order forward decomposition with chronological backtracking (SHOP2-style):
//! subtasks are decomposed in list order while the world state is simulated through
//! each action (its preconditions must hold, then its effects apply). A goal's methods
//! are tried by priority, then key. When anything fails — an action, a goal with no
//! method left — the search goes back to the most recent choice still open, whichever
//! goal it belongs to (an earlier sibling's, a cousin's, or the failing goal's parent),
//! undoes everything done since, and tries that goal's next method.
//!
//! Every choice records why each method it gave up failed (`failure.rs`), so that a
//! failure, or the methods skipped on the way to a success, can be explained.

use crate::domain::{GoalFailure, GoalFailureReason, MethodAttempt, MethodFailure};
use super::method::{Method, SubtaskKind};
use super::precedence::precedence;
use super::tree::{Node, Part};
use crate::domain::{Action, Effect, Value, WorldState};
use crate::{Error, Result};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Bounds on the search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of goals (the goal decomposed is at depth 0).
    pub max_depth: usize,
    /// The most methods tried in all (each method of each goal met counts once per
    /// try): backtracking over siblings can take exponential time, this bounds it.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_depth: 64, max_nodes: 100_000 }
    }
}

/// A successful decomposition: the actions to perform, in an order that works, and the
/// tree of choices that produced them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Decomposition {
    /// The goal decomposed.
    pub goal: String,
    /// Action keys in the order the decomposition simulated them.
    pub actions: Vec<String>,
    /// `(before, after)` as positions in `actions`: what a plan must keep ordered. Every
    /// order of the actions that respects these reaches the same state with every
    /// precondition met. Transitively reduced, sorted.
    pub edges: Vec<(usize, usize)>,
    /// The tree of choices: the method chosen for each goal, and those skipped.
    pub tree: Node,
    /// The world state after the last action.
    pub final_state: WorldState,
}

/// Decomposes `goal` from `state` with the default [`Limits`].
pub fn decompose(goal: &str, state: &WorldState, methods: &[Method], actions: &[Action]) -> Result<Decomposition> {
    decompose_with(goal, state, methods, actions, Limits::default())
}

/// Decomposes `goal` from `state`; when nothing works, [`Error::NotDecomposable`]
/// carries the whole explanation (or, when the node limit stopped the search,
/// [`GoalFailureReason::NodeLimit`]).
pub fn decompose_with(goal: &str, state: &WorldState, methods: &[Method], actions: &[Action], limits: Limits) -> Result<Decomposition> {
    let library = Library::new(methods, actions, limits);
    let mut run = Run { sim: Sim { facts: state.clone(), log: Vec::new() }, steps: Vec::new(), frames: Vec::new(), agenda: None, nodes: 0 };
    let outcome = match library.enter(goal, None, None, &mut run) {
        Ok(()) => library.search(&mut run),
        Err(Stop::Failed(failure)) => library.backtrack(*failure, &mut run).and_then(|()| library.search(&mut run)),
        Err(stop) => Err(stop),
    };
    match outcome {
        Ok(()) => {
            let tree = run.tree();
            let steps: Vec<&Action> = run.steps.iter().map(|s| s.action).collect();
            Ok(Decomposition {
                goal: goal.to_owned(),
                actions: steps.iter().map(|a| a.key.clone()).collect(),
                edges: precedence(&tree, &steps),
                tree,
                final_state: run.sim.facts,
            })
        }
        Err(Stop::Failed(failed)) => match *failed {
            Failed::Top(failure) => Err(Error::NotDecomposable { goal: goal.to_owned(), failure: Box::new(failure) }),
            Failed::In { .. } => unreachable!("backtracking returns only the top goal's failure"),
        },
        Err(Stop::NodeLimit) => Err(Error::NotDecomposable {
            goal: goal.to_owned(),
            failure: Box::new(GoalFailure { goal: goal.to_owned(), reason: GoalFailureReason::NodeLimit { limit: limits.max_nodes } }),
        }),
    }
}

struct Library<'a> {
    /// Per goal, its methods in the order they are tried.
    methods: HashMap<&'a str, Vec<&'a Method>>,
    actions: HashMap<&'a str, &'a Action>,
    limits: Limits,
}

/// The simulated world state, with an undo log: backtracking rolls it back instead of
/// working on copies, so that the cost of a step does not grow with the state.
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

/// A subtask still to do: `position` in the method chosen for goal frame `frame`.
#[derive(Clone, Copy)]
struct Todo<'a> {
    kind: SubtaskKind,
    key: &'a str,
    frame: usize,
    position: usize,
}

/// What is left to do, as an immutable list: a choice keeps the list as it was when
/// its goal was met, and backtracking to it takes that list back in O(1).
type Agenda<'a> = Option<Rc<Cell<'a>>>;

struct Cell<'a> {
    todo: Todo<'a>,
    next: Agenda<'a>,
}

/// A goal met by the search, and the choice of method made for it.
struct Frame<'a> {
    goal: &'a str,
    depth: usize,
    /// The frame whose method has this goal as a subtask, and at which position.
    parent: Option<(usize, usize)>,
    /// The state log mark and the number of steps when the goal was met.
    mark: usize,
    first_step: usize,
    /// What follows the goal once it is decomposed.
    rest: Agenda<'a>,
    methods: &'a [&'a Method],
    /// The method being tried (an index into `methods`).
    current: usize,
    /// The methods given up so far, each with why.
    attempts: Vec<MethodAttempt>,
}

struct Step<'a> {
    action: &'a Action,
    frame: usize,
    position: usize,
}

/// One decomposition in progress. `frames` holds exactly the goals on the current path,
/// in the order they were met: backtracking to a frame drops every frame after it.
struct Run<'a> {
    sim: Sim,
    steps: Vec<Step<'a>>,
    frames: Vec<Frame<'a>>,
    agenda: Agenda<'a>,
    /// Methods tried so far.
    nodes: usize,
}

/// A failure still to be charged to a choice: at subtask `position` of the method
/// chosen in frame `frame`, or of the goal decomposed itself.
enum Failed {
    In { frame: usize, position: usize, failure: MethodFailure },
    Top(GoalFailure),
}

/// Why the search stops short of a decomposition. (Boxed: failures are large, and
/// the way forward should not pay for them.)
enum Stop {
    Failed(Box<Failed>),
    NodeLimit,
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

    /// Runs the agenda until it is empty (a decomposition) or the top goal has no
    /// choice left.
    fn search<'r>(&'r self, run: &mut Run<'r>) -> Result<(), Stop> {
        loop {
            let Some(cell) = run.agenda.clone() else { return Ok(()) };
            run.agenda = cell.next.clone();
            let t = cell.todo;
            let done = match t.kind {
                SubtaskKind::Action => self.action(t, run),
                SubtaskKind::Goal => {
                    let rest = run.agenda.clone();
                    self.enter(t.key, Some((t.frame, t.position)), rest, run)
                }
            };
            match done {
                Ok(()) => {}
                Err(Stop::Failed(failure)) => self.backtrack(*failure, run)?,
                Err(stop) => return Err(stop),
            }
        }
    }

    /// Meets `goal` as subtask `parent` (none for the goal decomposed): a new choice,
    /// with its first applicable method's subtasks put on the agenda before `rest`.
    fn enter<'r>(&'r self, goal: &'r str, parent: Option<(usize, usize)>, rest: Agenda<'r>, run: &mut Run<'r>) -> Result<(), Stop> {
        let fail = |reason| match parent {
            Some((frame, position)) => {
                Stop::Failed(Box::new(Failed::In { frame, position, failure: MethodFailure::Subgoal { position, failure: GoalFailure { goal: goal.to_owned(), reason } } }))
            }
            None => Stop::Failed(Box::new(Failed::Top(GoalFailure { goal: goal.to_owned(), reason }))),
        };
        // The same goal in the same state cannot make progress: it would meet itself
        // again for ever. (In another state it may: that is how recursive methods
        // count down.)
        let mut chain = vec![goal.to_owned()];
        let mut above = parent.map(|(f, _)| f);
        while let Some(f) = above {
            let frame = &run.frames[f];
            chain.push(frame.goal.to_owned());
            if frame.goal == goal && run.sim.unchanged_since(frame.mark) {
                chain.reverse();
                return Err(fail(GoalFailureReason::Cycle { chain }));
            }
            above = frame.parent.map(|(p, _)| p);
        }
        let depth = parent.map_or(0, |(f, _)| run.frames[f].depth + 1);
        if depth > self.limits.max_depth {
            return Err(fail(GoalFailureReason::DepthLimit { limit: self.limits.max_depth }));
        }
        let Some(methods) = self.methods.get(goal) else {
            return Err(fail(GoalFailureReason::NoMethods));
        };
        run.frames.push(Frame {
            goal,
            depth,
            parent,
            mark: run.sim.mark(),
            first_step: run.steps.len(),
            rest,
            methods,
            current: 0,
            attempts: Vec::new(),
        });
        self.choose(run)
    }

    /// Tries the methods of the last frame from its `current` one on, in the state the
    /// goal was met in: the first whose conditions hold goes on the agenda. When none
    /// is left, the goal fails and the frame is dropped.
    fn choose<'r>(&'r self, run: &mut Run<'r>) -> Result<(), Stop> {
        let index = run.frames.len() - 1;
        let frame = &mut run.frames[index];
        while let Some(&m) = frame.methods.get(frame.current) {
            run.nodes += 1;
            if run.nodes > self.limits.max_nodes {
                return Err(Stop::NodeLimit);
            }
            let facts = &run.sim.facts;
            if let Some((i, c)) = m.fields.conditions.iter().enumerate().find(|(_, c)| !c.holds(facts)) {
                let failure = MethodFailure::Condition { index: i, condition: c.clone(), actual: facts.get(&c.key).cloned() };
                frame.attempts.push(MethodAttempt { method: m.key.clone(), failure });
                frame.current += 1;
                continue;
            }
            let mut agenda = frame.rest.clone();
            for (position, sub) in m.fields.subtasks.iter().enumerate().rev() {
                let todo = Todo { kind: sub.kind, key: &sub.key, frame: index, position };
                agenda = Some(Rc::new(Cell { todo, next: agenda }));
            }
            run.agenda = agenda;
            return Ok(());
        }
        let Some(frame) = run.frames.pop() else { unreachable!("choose is called with a frame") };
        let failure = GoalFailure { goal: frame.goal.to_owned(), reason: GoalFailureReason::MethodsFailed { attempts: frame.attempts } };
        Err(Stop::Failed(Box::new(match frame.parent {
            Some((parent, position)) => Failed::In { frame: parent, position, failure: MethodFailure::Subgoal { position, failure } },
            None => Failed::Top(failure),
        })))
    }

    /// Charges `failure` to the most recent choice, undoes everything since that
    /// goal was met and moves it to its next method; a goal with none left fails in
    /// turn, and the one before it is charged. Returns when some choice goes on, or
    /// with the top goal's failure.
    fn backtrack<'r>(&'r self, mut failure: Failed, run: &mut Run<'r>) -> Result<(), Stop> {
        loop {
            let Failed::In { frame: at, position, failure: why } = failure else { return Err(Stop::Failed(Box::new(failure))) };
            let index = run.frames.len() - 1;
            // Every frame after `at` was met while `at`'s method ran, before the
            // subtask that failed: the last one is `at` or a goal decomposed within it.
            let why = if index == at {
                why
            } else {
                let frame = &run.frames[index];
                if frame.current + 1 >= frame.methods.len() {
                    // A goal with no other method offers nothing to revisit: drop it and
                    // hand the same failure on, so that the explanation names the subtask
                    // that failed rather than this goal.
                    run.frames.pop();
                    failure = Failed::In { frame: at, position, failure: why };
                    continue;
                }
                let owner = &run.frames[at];
                let method = owner.methods[owner.current].key.clone();
                MethodFailure::Later { goal: owner.goal.to_owned(), method, position, failure: Box::new(why) }
            };
            let frame = &mut run.frames[index];
            frame.attempts.push(MethodAttempt { method: frame.methods[frame.current].key.clone(), failure: why });
            frame.current += 1;
            let (mark, first_step) = (frame.mark, frame.first_step);
            run.sim.rollback(mark);
            run.steps.truncate(first_step);
            match self.choose(run) {
                Ok(()) => return Ok(()),
                Err(Stop::Failed(next)) => failure = *next,
                Err(stop) => return Err(stop),
            }
        }
    }

    /// Runs one action subtask, or says why it is not applicable.
    fn action<'r>(&'r self, t: Todo<'r>, run: &mut Run<'r>) -> Result<(), Stop> {
        let fail = |failure| Stop::Failed(Box::new(Failed::In { frame: t.frame, position: t.position, failure }));
        let Some(&action) = self.actions.get(t.key) else {
            return Err(fail(MethodFailure::UnknownAction { position: t.position, action: t.key.to_owned() }));
        };
        let facts = &run.sim.facts;
        if let Some((index, c)) = action.fields.preconditions.iter().enumerate().find(|(_, c)| !c.holds(facts)) {
            let actual = facts.get(&c.key).cloned();
            return Err(fail(MethodFailure::Action { position: t.position, action: t.key.to_owned(), index, condition: c.clone(), actual }));
        }
        run.sim.apply(&action.fields.effects);
        run.steps.push(Step { action, frame: t.frame, position: t.position });
        Ok(())
    }
}

impl Run<'_> {
    /// The tree of the current path: each frame with its chosen method, its parts
    /// (steps and sub-goal frames) in subtask order.
    fn tree(&mut self) -> Node {
        let mut parts: Vec<Vec<(usize, Part)>> = (0..self.frames.len()).map(|_| Vec::new()).collect();
        for (step, s) in self.steps.iter().enumerate() {
            parts[s.frame].push((s.position, Part::Action { step, action: s.action.key.clone() }));
        }
        // Children come after their parents: build from the last frame back.
        let mut root = None;
        for (index, frame) in self.frames.iter_mut().enumerate().rev() {
            let mut own = std::mem::take(&mut parts[index]);
            own.sort_by_key(|(position, _)| *position);
            let method = frame.methods[frame.current];
            let node = Node {
                goal: frame.goal.to_owned(),
                method: method.key.clone(),
                ordered: method.fields.ordered,
                skipped: std::mem::take(&mut frame.attempts),
                parts: own.into_iter().map(|(_, p)| p).collect(),
            };
            match frame.parent {
                Some((parent, position)) => parts[parent].push((position, Part::Goal { node })),
                None => root = Some(node),
            }
        }
        root.expect("the first frame is the goal decomposed")
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
    use crate::htn::{Node, Part};

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
    fn a_later_sibling_failure_backtracks_into_an_earlier_sibling() {
        // G = [PICK, USE]. PICK's preferred method takes tool a; USE needs tool b. Only
        // going back into PICK, after USE failed, finds the plan.
        let tool = |t: &str| Value::Text(t.into());
        let actions = [
            action("A-TAKE-A", vec![], vec![Effect::new("tool", tool("a"))]),
            action("A-TAKE-B", vec![], vec![Effect::new("tool", tool("b"))]),
            action("A-USE", vec![Condition::new("tool", Op::Eq, tool("b"))], vec![set("used")]),
        ];
        let methods = [
            method("M-G", "G", 5, vec![], vec![Subtask::goal("PICK"), Subtask::goal("USE")]),
            method("M-PICK-A", "PICK", 9, vec![], vec![Subtask::action("A-TAKE-A")]),
            method("M-PICK-B", "PICK", 5, vec![], vec![Subtask::action("A-TAKE-B")]),
            method("M-USE", "USE", 5, vec![], vec![Subtask::action("A-USE")]),
        ];
        let d = decompose("G", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-TAKE-B", "A-USE"]);
        assert_eq!(choices(&d.tree), ["G:M-G", "PICK:M-PICK-B", "USE:M-USE"]);
        assert_eq!(d.final_state, state(&[("tool", tool("b")), ("used", Value::Bool(true))]));
        let Part::Goal { node: pick } = &d.tree.parts[0] else { panic!() };
        let use_failed = MethodFailure::Subgoal {
            position: 1,
            failure: GoalFailure {
                goal: "USE".into(),
                reason: GoalFailureReason::MethodsFailed {
                    attempts: vec![MethodAttempt {
                        method: "M-USE".into(),
                        failure: MethodFailure::Action { position: 0, action: "A-USE".into(), index: 0, condition: Condition::new("tool", Op::Eq, tool("b")), actual: Some(tool("a")) },
                    }],
                },
            },
        };
        assert_eq!(
            pick.skipped,
            [MethodAttempt { method: "M-PICK-A".into(), failure: MethodFailure::Later { goal: "G".into(), method: "M-G".into(), position: 1, failure: Box::new(use_failed) } }]
        );
        assert_eq!(pick.skipped[0].failure.summary(), "worked, but then subtask 1 of method M-G (goal G) failed: subtask 1: goal USE cannot be decomposed");
        assert_eq!(d.edges, [(0, 1)]);
    }

    #[test]
    fn backtracking_reaches_a_cousin_and_explains_when_nothing_works() {
        // TOP = [LEFT, RIGHT]; LEFT = [SET]; SET picks n = 1 or n = 2; RIGHT needs n = 2
        // through an action two levels down. The choice to revisit is a cousin's.
        let n = |v: i64| Condition::new("n", Op::Eq, Value::Int(v));
        let actions = [
            action("A-ONE", vec![], vec![Effect::new("n", Value::Int(1))]),
            action("A-TWO", vec![], vec![Effect::new("n", Value::Int(2))]),
            action("A-NEED-2", vec![n(2)], vec![set("done")]),
            action("A-NEED-3", vec![n(3)], vec![set("done")]),
        ];
        let mut methods = vec![
            method("M-TOP", "TOP", 5, vec![], vec![Subtask::goal("LEFT"), Subtask::goal("RIGHT")]),
            method("M-LEFT", "LEFT", 5, vec![], vec![Subtask::goal("SET")]),
            method("M-SET-1", "SET", 9, vec![], vec![Subtask::action("A-ONE")]),
            method("M-SET-2", "SET", 5, vec![], vec![Subtask::action("A-TWO")]),
            method("M-RIGHT", "RIGHT", 5, vec![], vec![Subtask::goal("DEEP")]),
            method("M-DEEP", "DEEP", 5, vec![], vec![Subtask::action("A-NEED-2")]),
        ];
        let d = decompose("TOP", &WorldState::new(), &methods, &actions).unwrap();
        assert_eq!(d.actions, ["A-TWO", "A-NEED-2"]);
        assert_eq!(choices(&d.tree), ["TOP:M-TOP", "LEFT:M-LEFT", "SET:M-SET-2", "RIGHT:M-RIGHT", "DEEP:M-DEEP"]);
        // With a need no choice meets, every choice is tried; the explanation names the
        // subtask that failed, as it failed after the last choice.
        methods[5].fields.subtasks = vec![Subtask::action("A-NEED-3")];
        let f = failure(decompose("TOP", &WorldState::new(), &methods, &actions));
        assert_eq!(
            f.explain(),
            "goal TOP: every method failed\n  \
             method M-TOP: subtask 1: goal RIGHT cannot be decomposed\n    \
             goal RIGHT: every method failed\n      \
             method M-RIGHT: subtask 0: goal DEEP cannot be decomposed\n        \
             goal DEEP: every method failed\n          \
             method M-DEEP: subtask 0: action A-NEED-3 is not applicable: preconditions[0] n = 3 fails (n is 2)\n"
        );
        // A goal that had other methods, some failing on their own, says which did what.
        methods.push(method("M-SET-0", "SET", 7, vec![Condition::new("ready", Op::Eq, Value::Bool(true))], vec![]));
        methods.push(method("M-SET-3", "SET", 1, vec![Condition::new("ready", Op::Eq, Value::Bool(true))], vec![]));
        let f = failure(decompose("TOP", &WorldState::new(), &methods, &actions));
        let explained = f.explain();
        assert!(explained.starts_with(
            "goal TOP: every method failed\n  \
             method M-TOP: subtask 0: no decomposition of goal LEFT lets the rest succeed\n    \
             goal LEFT: every method failed\n      \
             method M-LEFT: subtask 0: no decomposition of goal SET lets the rest succeed\n        \
             goal SET: every method failed\n          \
             method M-SET-1: worked, but then subtask 1 of method M-TOP (goal TOP) failed: subtask 1: goal RIGHT cannot be decomposed\n"
        ), "{explained}");
        assert!(explained.contains("method M-SET-0: conditions[0] ready = true fails (ready is absent)\n"), "{explained}");
        assert!(explained.ends_with("method M-SET-3: conditions[0] ready = true fails (ready is absent)\n"), "{explained}");
    }

    #[test]
    fn the_node_limit_stops_an_exponential_search() {
        // TOP = [C0 … C9, NONE]: each Ci has two methods that both work, NONE has none,
        // so backtracking tries all 2^10 combinations before giving up.
        let actions = [action("A", vec![], vec![])];
        let mut methods = vec![method("M-TOP", "TOP", 5, vec![], (0..10).map(|i| Subtask::goal(&format!("C{i}"))).chain([Subtask::goal("NONE")]).collect())];
        for i in 0..10 {
            methods.push(method(&format!("M-C{i}-1"), &format!("C{i}"), 6, vec![], vec![Subtask::action("A")]));
            methods.push(method(&format!("M-C{i}-2"), &format!("C{i}"), 5, vec![], vec![]));
        }
        let limits = Limits { max_nodes: 500, ..Limits::default() };
        let f = failure(decompose_with("TOP", &WorldState::new(), &methods, &actions, limits));
        assert_eq!(f.reason, GoalFailureReason::NodeLimit { limit: 500 });
        assert_eq!(f.summary(), "goal TOP: the search stopped after trying 500 methods (the node limit); a decomposition may exist");
        // Under the default limit the search ends, every combination tried: 1 + 2 + 4 + … + 1024 tries of the Ci.
        let f = failure(decompose("TOP", &WorldState::new(), &methods, &actions));
        assert!(matches!(f.reason, GoalFailureReason::MethodsFailed { .. }), "{f:?}");
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
        let f = failure(decompose_with("COUNT", &WorldState::new(), &methods, &actions, Limits { max_depth: 2, ..Limits::default() }));
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
