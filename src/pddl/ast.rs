//! The typed syntax tree of the PDDL subset: a domain (types, constants, predicates,
//! action schemas) and a problem (objects, initial atoms, goal). Every name is lower
//! case; every literal keeps where it was written, for errors found after parsing.

use super::sexpr::Pos;
use std::collections::BTreeMap;

/// The root of every type hierarchy.
pub const OBJECT: &str = "object";

/// A term: a parameter of the schema (`?x`) or a named object or constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// A parameter, without its `?`.
    Var(String),
    /// An object or constant.
    Name(String),
}

/// A literal of a precondition, an effect or a goal.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `(p t…)`, or `(not (p t…))` when `positive` is false.
    Atom { positive: bool, predicate: String, args: Vec<Term>, pos: Pos },
    /// `(= a b)`, or `(not (= a b))` when `positive` is false.
    Equal { positive: bool, left: Term, right: Term, pos: Pos },
}

/// An action schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// The action's name.
    pub name: String,
    /// Where `(:action` was written.
    pub pos: Pos,
    /// Parameters (without `?`) with their types, in order.
    pub params: Vec<(String, String)>,
    /// The precondition as a conjunction of literals.
    pub precondition: Vec<Literal>,
    /// The effect as a conjunction of atoms: positive adds, negative deletes.
    pub effect: Vec<Literal>,
}

/// A domain file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Domain {
    /// The domain's name.
    pub name: String,
    /// Each declared type with its parent type (`object` at the root).
    pub types: BTreeMap<String, String>,
    /// Constants with their types.
    pub constants: BTreeMap<String, String>,
    /// Each predicate with the types of its arguments.
    pub predicates: BTreeMap<String, Vec<String>>,
    /// Action schemas, in file order.
    pub actions: Vec<Schema>,
}

/// A problem file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Problem {
    /// The problem's name.
    pub name: String,
    /// The name of the domain it is for.
    pub domain: String,
    /// Objects with their types.
    pub objects: BTreeMap<String, String>,
    /// The atoms true at the start, as (predicate, arguments): every other atom is false.
    pub init: Vec<(String, Vec<String>)>,
    /// The goal as a conjunction of ground literals.
    pub goal: Vec<Literal>,
}

impl Domain {
    /// Whether `ty` is `ancestor` or one of its subtypes.
    pub fn is_subtype(&self, ty: &str, ancestor: &str) -> bool {
        let mut t = ty;
        // The declared hierarchy is checked acyclic when it is read; the bound is a guard.
        for _ in 0..=self.types.len() {
            if t == ancestor {
                return true;
            }
            match self.types.get(t) {
                Some(parent) => t = parent,
                None => return false,
            }
        }
        false
    }
}
