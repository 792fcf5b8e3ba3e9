//! Undo and redo restore exactly the state before and after each gesture.

mod common;
use common::{dump, seeded};
use mabos_planner::*;

#[test]
fn undo_and_redo_every_gesture_of_a_session() {
    let mut store = Store::open_in_memory().unwrap();
    let mut states = vec![dump(&store)];
    seeded(&mut store, |store| states.push(dump(store)));
    // Walk all the way back, checking each intermediate state, then all the way forward.
    for expected in states.iter().rev().skip(1) {
        store.undo().unwrap();
        assert_eq!(&dump(&store), expected);
    }
    assert!(matches!(store.undo(), Err(Error::NothingToUndo)));
    for expected in states.iter().skip(1) {
        store.redo().unwrap();
        assert_eq!(&dump(&store), expected);
    }
    assert!(matches!(store.redo(), Err(Error::NothingToRedo)));
}

#[test]
fn a_new_gesture_clears_redo() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_goal(Some("G-A"), None, &GoalFields::titled("A")).unwrap();
    store.undo().unwrap();
    assert!(store.can_redo().unwrap());
    store.create_goal(Some("G-B"), None, &GoalFields::titled("B")).unwrap();
    assert!(!store.can_redo().unwrap());
    assert!(matches!(store.redo(), Err(Error::NothingToRedo)));
}

#[test]
fn undoing_a_subtree_deletion_restores_every_row() {
    let mut store = Store::open_in_memory().unwrap();
    seeded(&mut store, |_| {});
    let before = dump(&store);
    let report = store.delete_goal("G-ROOT").unwrap();
    assert!(report.goals.len() >= 3, "{report:?}");
    assert_ne!(dump(&store), before);
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
    store.redo().unwrap();
    assert!(matches!(store.goal("G-ROOT"), Err(Error::NotFound { .. })));
}

#[test]
fn undo_and_redo_are_logged_as_events() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_goal(Some("G-A"), None, &GoalFields::titled("A")).unwrap();
    store.undo().unwrap();
    store.redo().unwrap();
    let kinds: Vec<String> = store.events(0, 10).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["created", "undo", "redo"]);
}
