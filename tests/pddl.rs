//! PDDL import and export through the public API: the files in tests/data/pddl/ ground
//! to the expected actions, `synth` finds the known optimal plan lengths, refusals name
//! the requirement and the place, export then import gives back every action,
//! precondition and effect, and no input makes the reader panic.

mod common;

use mabos_planner::export::Document;
use mabos_planner::pddl::{self, ImportOptions};
use mabos_planner::synthesis::SynthesisOptions;
use mabos_planner::*;
use proptest::prelude::*;

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/pddl/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn doc(domain: &str, problem: &str) -> Document {
    pddl::to_document(&data(domain), &data(problem), ImportOptions::default()).unwrap()
}

/// The import's actions as library values.
fn actions(doc: &Document) -> Vec<Action> {
    doc.actions
        .iter()
        .map(|a| {
            let mut fields = ActionFields::named(&a.name, a.cost, a.duration);
            fields.preconditions = a.preconditions.clone();
            fields.effects = a.effects.clone();
            Action { key: a.key.clone(), fields }
        })
        .collect()
}

/// Imports `name`'s domain and problem into a fresh store, then checks the number of
/// ground actions and the cost of the optimal plan `synth` finds for the goal.
fn check_import(name: &str, goal: &str, ground_actions: usize, optimal_cost: f64) {
    let mut store = Store::open_in_memory().unwrap();
    let report = store.import_document(doc(&format!("{name}-domain.pddl"), &format!("{name}-problem.pddl"))).unwrap();
    assert_eq!((report.actions, report.goals), (ground_actions, 1), "{name}");
    let result = store.synthesize_plan(goal, &SynthesisOptions::default()).unwrap();
    let plan = result.plan().unwrap_or_else(|| panic!("{name}: {:?}", result.why_no_plan()));
    assert_eq!(plan.cost, optimal_cost, "{name}");
    assert_eq!(store.world_state().unwrap().len(), store.goal(goal).unwrap().fields.preconditions.len(), "{name}");
}

#[test]
fn imports_and_solves_the_sample_problems() {
    // Blocks: 4 pick-up + 4 put-down + 16 stack + 16 unstack (no equality test: a block
    // may be stacked on itself, which never applies). Reversing a tower of four moves
    // every block once, two actions a move.
    check_import("blocks", "blocks-4", 40, 8.0);
    // Gripper: 4 moves (the static `room` test keeps 4 of the 64 pairs of objects, a
    // move within a room included), 16 picks, 16 drops. Two balls a trip: pick, pick,
    // move, drop, drop, move, then again.
    check_import("gripper", "gripper-4", 36, 11.0);
    // Delivery: drive needs a road and two different places (6 tuples of 9 pass the
    // static road test, 4 of them the inequality), load and unload 6 each, drive-home 2.
    // One parcel at a time: there and back for each, then home.
    check_import("delivery", "delivery-2", 4 + 6 + 6 + 2, 10.0);
}

#[test]
fn atoms_become_boolean_facts() {
    let d = doc("delivery-domain.pddl", "delivery-problem.pddl");
    let load = d.actions.iter().find(|a| a.key == "load.p1.van1.north").unwrap();
    assert_eq!(load.name, "load p1 van1 north");
    assert_eq!(
        load.preconditions,
        [
            Condition::new("in.p1.north", Op::Eq, Value::Bool(true)),
            Condition::new("at.van1.north", Op::Eq, Value::Bool(true)),
            Condition::new("busy.van1", Op::Ne, Value::Bool(true)),
        ]
    );
    // Deletes first, then adds: in PDDL an add wins over a delete of the same atom.
    assert_eq!(
        load.effects,
        [Effect::new("in.p1.north", Value::Bool(false)), Effect::new("loaded.p1.van1", Value::Bool(true)), Effect::new("busy.van1", Value::Bool(true))]
    );
    // Equality is decided when grounding: no drive from a place to itself.
    assert!(!d.actions.iter().any(|a| a.key == "drive.van1.hub.hub"));
    assert!(!d.actions.iter().any(|a| a.key.starts_with("drive-home.van1.hub")));
    let goal = &d.goals[0];
    assert_eq!(goal.key, "delivery-2");
    assert_eq!(goal.postconditions.last().unwrap(), &Condition::new("busy.van1", Op::Ne, Value::Bool(true)));
    assert!(goal.preconditions.contains(&Condition::new("road.hub.north", Op::Eq, Value::Bool(true))));
    assert_eq!(d.world_state.len(), 7);
    let without = pddl::to_document(&data("delivery-domain.pddl"), &data("delivery-problem.pddl"), ImportOptions { world_state: false }).unwrap();
    assert!(without.world_state.is_empty());
}

#[test]
fn an_import_is_one_undoable_gesture() {
    let mut store = Store::open_in_memory().unwrap();
    let before = common::dump(&store);
    store.import_document(doc("blocks-domain.pddl", "blocks-problem.pddl")).unwrap();
    assert_eq!(store.actions().unwrap().len(), 40);
    store.undo().unwrap();
    assert_eq!(common::dump(&store), before);
}

/// The error reading `domain` (a file name) with `problem` (text), as text.
fn refusal(domain: &str, problem: &str) -> String {
    pddl::to_document(&data(domain), problem, ImportOptions::default()).unwrap_err().to_string()
}

#[test]
fn refusals_name_the_requirement_and_the_place() {
    let problem = "(define (problem p) (:domain lights) (:objects a) (:init) (:goal (and)))";
    let cases = [
        ("refused-conditional-effects.pddl", "domain 2:26: requirement :conditional-effects is not supported"),
        ("refused-when.pddl", "domain 7:13: (when …) needs the requirement :conditional-effects"),
        ("refused-adl.pddl", "domain 2:18: requirement :adl is not supported"),
        ("refused-fluents.pddl", "domain 4:3: (:functions …) needs the requirement :numeric-fluents"),
        ("refused-durative.pddl", "domain 2:26: requirement :durative-actions is not supported"),
        ("refused-or.pddl", "domain 6:19: (or …) needs the requirement :disjunctive-preconditions"),
    ];
    for (file, expected) in cases {
        let message = refusal(file, problem);
        assert!(message.starts_with(expected), "{file}: {message}");
    }
    let blocks = "blocks-domain.pddl";
    let cases = [
        ("(define (problem p) (:domain blocks) (:objects a) (:init (on a)) (:goal (and)))", "problem 1:58: predicate on takes 2 argument(s), not 1"),
        ("(define (problem p) (:domain blocks) (:objects a) (:init (clear z)) (:goal (and)))", "problem 1:65: unknown object z"),
        ("(define (problem p) (:domain other) (:goal (and)))", "problem 1:30: the problem is for domain other, but the domain file defines blocks"),
        ("(define (problem p) (:domain blocks) (:init (not (clear a))) (:goal (and)))", "problem 1:57: unknown object a"),
        ("(define (problem p) (:domain blocks) (:objects a) (:init (not (clear a))) (:goal (and)))", "problem 1:58: the initial state lists the atoms that are true"),
        ("(define (problem p) (:domain blocks) (:goal (and))", "problem 1:1: this '(' is never closed"),
        ("(define (problem p) (:domain blocks) (:metric minimize (total-cost)) (:goal (and)))", "problem 1:38: (:metric …) needs the requirement :numeric-fluents"),
        ("(define (problem p) (:domain blocks) (:objects a) (:goal (= a b)))", "problem 1:63: unknown object b"),
        ("(define (problem p) (:domain blocks) (:objects a b) (:goal (= a b)))", "problem 1:60: the goal requires an equality that is false"),
        ("(define (problem p) (:domain blocks))", "problem 1:1: the problem has no (:goal …)"),
        ("(define (problem Bad.Name) (:domain blocks) (:goal (and)))", "problem 1:18: \"bad.name\" is not a name"),
    ];
    for (problem, expected) in cases {
        let message = refusal(blocks, problem);
        assert!(message.starts_with(expected), "{problem}: {message}");
    }
}

#[test]
fn export_then_import_keeps_every_action_precondition_and_effect() {
    for name in ["blocks", "gripper", "delivery"] {
        let first = doc(&format!("{name}-domain.pddl"), &format!("{name}-problem.pddl"));
        let goal = &first.goals[0];
        let start = pddl::start_state(&goal.preconditions);
        let written = pddl::export(&goal.key, "round trip", &actions(&first), &start, &[(Entity::Goal, goal.key.clone(), goal.postconditions.clone())]).unwrap();
        assert!(written.unit_cost);
        let second = pddl::to_document(&written.domain, &written.problem, ImportOptions::default()).unwrap();
        let summary = |d: &Document| d.actions.iter().map(|a| (a.key.clone(), a.name.clone(), a.preconditions.clone(), a.effects.clone())).collect::<Vec<_>>();
        assert_eq!(summary(&second), summary(&first), "{name}");
        assert_eq!(second.goals[0].key, goal.key, "{name}");
        assert_eq!(second.goals[0].preconditions, goal.preconditions, "{name}");
        assert_eq!(second.goals[0].postconditions, goal.postconditions, "{name}");
        assert_eq!(second.world_state, first.world_state, "{name}");
        // Names the exporter wrote read back as the keys they came from.
        assert_eq!(written.names.get(&first.actions[0].key).map(|n| n.replace("__", ".")), Some(first.actions[0].key.clone()));
    }
}

#[test]
fn export_states_costs_and_refuses_what_strips_cannot_say() {
    let mut build = ActionFields::named("Build", 500.0, 1.0);
    build.preconditions.push(Condition::new("site.planned", Op::Eq, Value::Bool(true)));
    build.effects.push(Effect::new("site.built", Value::Bool(true)));
    let mut plan = ActionFields::named("Plan", 200.0, 1.0);
    plan.effects.push(Effect::new("site.planned", Value::Bool(true)));
    let library = vec![Action { key: "A-BUILD".into(), fields: build }, Action { key: "A-PLAN".into(), fields: plan }];
    let target = vec![(Entity::Goal, "G-SITE".to_owned(), vec![Condition::new("site.built", Op::Eq, Value::Bool(true))])];
    let w = pddl::export("G-SITE", "test", &library, &WorldState::new(), &target).unwrap();
    assert!(!w.unit_cost);
    assert!(w.domain.contains("(:requirements :strips :action-costs)"), "{}", w.domain);
    assert!(w.domain.contains("(:action a-build\n    :parameters ()\n    :precondition (site__planned)\n    :effect (and (site__built) (increase (total-cost) 500)))"), "{}", w.domain);
    assert!(w.problem.contains("(:goal (site__built))") && w.problem.contains("(:metric minimize (total-cost))"), "{}", w.problem);
    let p = Plan {
        key: "P-1".into(),
        goal: "G-SITE".into(),
        status: PlanStatus::Draft,
        fields: PlanFields::titled("p"),
        steps: vec![Step { key: "S1".into(), action: "A-BUILD".into(), note: String::new() }, Step { key: "S2".into(), action: "A-PLAN".into(), note: String::new() }],
        edges: vec![PlanEdge { before: "S2".into(), after: "S1".into() }],
    };
    assert_eq!(pddl::plan_file(&w, &p, &library).unwrap(), "(a-plan)\n(a-build)\n; cost = 700 (general cost)\n");

    let refused = |library: &[Action], start: &WorldState| pddl::export("G", "t", library, start, &target).unwrap_err().to_string();
    let mut stock = library.clone();
    stock[1].fields.effects.push(Effect::new("stock", Value::Int(3)));
    assert_eq!(refused(&stock, &WorldState::new()), "action A-PLAN: effects[1] sets stock to 3: PDDL facts are true or false");
    let mut falsy = library.clone();
    falsy[0].fields.preconditions.push(Condition::new("site.locked", Op::Eq, Value::Bool(false)));
    assert!(refused(&falsy, &WorldState::new()).starts_with("action A-BUILD: preconditions[1] site.locked = false: site.locked is absent from the start state"));
    let start: WorldState = [("site.locked".to_owned(), Value::Bool(false))].into();
    assert!(pddl::export("G", "t", &falsy, &start, &target).unwrap().domain.contains("(not (site__locked))"));
    let mut ranged = library.clone();
    ranged[0].fields.preconditions.push(Condition::new("budget", Op::Ge, Value::Int(3)));
    assert!(refused(&ranged, &WorldState::new()).contains("is not a test of a true-or-false fact"));
    let mut twins = library.clone();
    twins[1].key = "a-build".into();
    assert!(refused(&twins, &WorldState::new()).contains("both become the PDDL name a-build"));
    let mut half = library;
    half[0].fields.cost = 2.5;
    assert_eq!(refused(&half, &WorldState::new()), "action A-BUILD: cost is 2.5: PDDL action costs are whole numbers");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any bytes at all: an answer, never a panic.
    #[test]
    fn random_text_never_panics(domain in "\\PC{0,300}", problem in "\\PC{0,200}") {
        let _ = pddl::to_document(&domain, &problem, ImportOptions::default());
    }

    /// Text made of PDDL's own pieces reaches deeper into the parser.
    #[test]
    fn pddl_like_text_never_panics(pieces in prop::collection::vec(prop_oneof![
        Just("("), Just(")"), Just("define"), Just("(domain d)"), Just("(problem p)"), Just("(:domain d)"), Just(":requirements"),
        Just(":strips"), Just(":typing"), Just(":types"), Just("t"), Just("-"), Just("object"), Just("(:predicates (p ?x) (q))"),
        Just("(:action a"), Just(":parameters"), Just("(?x - t)"), Just("(?x)"), Just(":precondition"), Just(":effect"), Just("and"),
        Just("not"), Just("="), Just("(p ?x)"), Just("(q)"), Just("?x"), Just("?y"), Just(":objects"), Just("o"), Just(":init"),
        Just(":goal"), Just("(p o)"), Just(";"), Just("\n"), Just(":constants"), Just("either"), Just("when"),
    ], 0..80), split in 0usize..80) {
        let text = pieces.join(" ");
        let (domain, problem) = text.split_at(text.char_indices().nth(split).map_or(text.len(), |(i, _)| i));
        let _ = pddl::to_document(domain, problem, ImportOptions::default());
        let _ = pddl::to_document(&format!("(define (domain d) {domain})"), &format!("(define (problem p) (:domain d) {problem})"), ImportOptions::default());
    }

    /// A sample file cut short anywhere is refused with a place, not a panic.
    #[test]
    fn truncated_files_are_refused_cleanly(cut in 0usize..2000) {
        let text = data("delivery-domain.pddl");
        let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        let _ = pddl::to_document(&text[..cut], &data("delivery-problem.pddl"), ImportOptions::default());
    }
}
