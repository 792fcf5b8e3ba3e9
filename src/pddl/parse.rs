//! Turns s-expressions into the typed syntax tree, checking names, arities and types
//! as it goes, and refusing every PDDL feature outside the subset with the
//! requirement it belongs to and the place it was written.

use super::ast::{Domain, Literal, Problem, Schema, Term, OBJECT};
use super::sexpr::{read, Pos, Sx};
use super::PddlFile;
use crate::{Error, Result};
use std::collections::BTreeMap;

/// The requirements the importer understands.
pub const SUPPORTED_REQUIREMENTS: [&str; 4] = [":strips", ":typing", ":negative-preconditions", ":equality"];

/// Parses a domain file.
pub fn domain(text: &str) -> Result<Domain> {
    let p = Parser { file: PddlFile::Domain };
    let body = p.define(text, "domain")?;
    let mut d = Domain { name: body.name, ..Domain::default() };
    let mut actions = Vec::new();
    for section in &body.sections {
        let (head, items, pos) = p.section(section)?;
        match head {
            ":requirements" => p.requirements(items)?,
            ":types" => {
                for (name, parent, _) in p.typed_list(items, false)? {
                    if name != OBJECT {
                        d.types.insert(name, parent.unwrap_or_else(|| OBJECT.into()));
                    }
                }
                for (ty, parent) in &d.types {
                    if parent != OBJECT && !d.types.contains_key(parent) {
                        return Err(p.err(pos, format!("type {ty} has the undeclared parent type {parent}")));
                    }
                }
                if let Some(ty) = d.types.keys().find(|t| !d.is_subtype(t, OBJECT)) {
                    return Err(p.err(pos, format!("type {ty} is its own ancestor")));
                }
            }
            ":constants" => {
                for (name, ty, at) in p.typed_list(items, false)? {
                    let ty = ty.unwrap_or_else(|| OBJECT.into());
                    p.known_type(&d, &ty, at)?;
                    d.constants.insert(name, ty);
                }
            }
            ":predicates" => {
                for item in items {
                    let Sx::List(parts, at) = item else { return Err(p.err(item.pos(), "a predicate is written (name ?arg - type …)".into())) };
                    let Some((first, args)) = parts.split_first() else { return Err(p.err(*at, "empty predicate".into())) };
                    let name = p.name(first)?;
                    let mut types = Vec::new();
                    for (_, ty, at) in p.typed_list(args, true)? {
                        let ty = ty.unwrap_or_else(|| OBJECT.into());
                        p.known_type(&d, &ty, at)?;
                        types.push(ty);
                    }
                    if d.predicates.insert(name.clone(), types).is_some() {
                        return Err(p.err(*at, format!("predicate {name} is declared twice")));
                    }
                }
            }
            ":action" => actions.push(section),
            other => return Err(p.err(pos, refusal_of_section(other))),
        }
    }
    for section in actions {
        let schema = p.action(&d, section)?;
        if d.actions.iter().any(|a| a.name == schema.name) {
            return Err(p.err(schema.pos, format!("action {} is declared twice", schema.name)));
        }
        d.actions.push(schema);
    }
    Ok(d)
}

/// Parses a problem file for `domain`.
pub fn problem(text: &str, domain: &Domain) -> Result<Problem> {
    let p = Parser { file: PddlFile::Problem };
    let body = p.define(text, "problem")?;
    let mut pb = Problem { name: body.name, ..Problem::default() };
    let mut goal_seen = false;
    for section in &body.sections {
        let (head, items, pos) = p.section(section)?;
        match head {
            ":domain" => {
                let [name] = items else { return Err(p.err(pos, "(:domain NAME) takes one name".into())) };
                pb.domain = p.name(name)?;
                if pb.domain != domain.name {
                    return Err(p.err(name.pos(), format!("the problem is for domain {}, but the domain file defines {}", pb.domain, domain.name)));
                }
            }
            ":requirements" => p.requirements(items)?,
            ":objects" => {
                for (name, ty, at) in p.typed_list(items, false)? {
                    let ty = ty.unwrap_or_else(|| OBJECT.into());
                    p.known_type(domain, &ty, at)?;
                    if domain.constants.contains_key(&name) || pb.objects.insert(name.clone(), ty).is_some() {
                        return Err(p.err(at, format!("object {name} is declared twice")));
                    }
                }
            }
            ":init" => {
                for item in items {
                    let lit = p.literal(item, &Scope { domain, params: &[], objects: Some(&pb.objects) })?;
                    match lit {
                        Literal::Atom { positive: true, predicate, args, .. } => {
                            let args = args.into_iter().map(|t| if let Term::Name(n) = t { n } else { unreachable!("no variables in a problem") }).collect();
                            pb.init.push((predicate, args));
                        }
                        _ => return Err(p.err(item.pos(), "the initial state lists the atoms that are true: every other atom is false".into())),
                    }
                }
            }
            ":goal" => {
                let [gd] = items else { return Err(p.err(pos, "(:goal …) takes one formula".into())) };
                pb.goal = p.conjunction(gd, &Scope { domain, params: &[], objects: Some(&pb.objects) }, false)?;
                goal_seen = true;
            }
            ":metric" => return Err(p.err(pos, unsupported(":numeric-fluents", "(:metric …)"))),
            other => return Err(p.err(pos, refusal_of_section(other))),
        }
    }
    if pb.domain.is_empty() {
        return Err(p.err(body.pos, "the problem names no domain: (:domain NAME) is missing".into()));
    }
    if !goal_seen {
        return Err(p.err(body.pos, "the problem has no (:goal …)".into()));
    }
    Ok(pb)
}

/// What a section outside the subset needs, in words.
fn refusal_of_section(head: &str) -> String {
    match head {
        ":functions" => unsupported(":numeric-fluents", "(:functions …)"),
        ":durative-action" => unsupported(":durative-actions", "(:durative-action …)"),
        ":derived" => unsupported(":derived-predicates", "(:derived …)"),
        ":constraints" => unsupported(":constraints", "(:constraints …)"),
        ":process" | ":event" => unsupported(":time", &format!("({head} …)")),
        other => format!("unknown section {other}"),
    }
}

fn unsupported(requirement: &str, what: &str) -> String {
    format!(
        "{what} needs the requirement {requirement}, which is not supported: the importer reads STRIPS with {}",
        SUPPORTED_REQUIREMENTS[1..].join(", ")
    )
}

struct Parser {
    file: PddlFile,
}

struct Define {
    name: String,
    pos: Pos,
    sections: Vec<Sx>,
}

/// What names a literal may use: the schema's parameters, the domain's constants and,
/// in a problem, its objects.
struct Scope<'a> {
    domain: &'a Domain,
    params: &'a [(String, String)],
    objects: Option<&'a BTreeMap<String, String>>,
}

impl Scope<'_> {
    fn type_of(&self, term: &Term) -> Option<&str> {
        match term {
            Term::Var(v) => self.params.iter().find(|(p, _)| p == v).map(|(_, t)| t.as_str()),
            Term::Name(n) => self.domain.constants.get(n).or_else(|| self.objects.and_then(|o| o.get(n))).map(String::as_str),
        }
    }
}

impl Parser {
    fn err(&self, pos: Pos, message: String) -> Error {
        Error::Pddl { file: self.file, line: pos.line, column: pos.column, message }
    }

    /// `(define (KIND NAME) sections…)`, the only expression of the file.
    fn define(&self, text: &str, kind: &str) -> Result<Define> {
        let mut top = read(text, self.file)?;
        let start = Pos { line: 1, column: 1 };
        if top.len() != 1 {
            let at = top.get(1).map_or(start, Sx::pos);
            return Err(self.err(at, format!("a {kind} file holds one (define ({kind} NAME) …)")));
        }
        let Some(Sx::List(mut items, pos)) = top.pop() else {
            return Err(self.err(start, format!("a {kind} file holds one (define ({kind} NAME) …)")));
        };
        if !matches!(items.first(), Some(Sx::Atom(d, _)) if d == "define") {
            return Err(self.err(pos, format!("expected (define ({kind} NAME) …)")));
        }
        let name = match items.get(1) {
            Some(Sx::List(parts, at)) => match parts.as_slice() {
                [Sx::Atom(k, _), n] if k == kind => self.name(n)?,
                _ => return Err(self.err(*at, format!("expected ({kind} NAME)"))),
            },
            _ => return Err(self.err(pos, format!("expected ({kind} NAME) after define"))),
        };
        let sections = items.split_off(2);
        Ok(Define { name, pos, sections })
    }

    fn section<'s>(&self, sx: &'s Sx) -> Result<(&'s str, &'s [Sx], Pos)> {
        match sx {
            Sx::List(items, pos) => match items.split_first() {
                Some((Sx::Atom(head, _), rest)) if head.starts_with(':') => Ok((head, rest, *pos)),
                _ => Err(self.err(*pos, "expected a section such as (:requirements …) or (:action …)".into())),
            },
            Sx::Atom(a, pos) => Err(self.err(*pos, format!("expected a section, found {a}"))),
        }
    }

    fn requirements(&self, items: &[Sx]) -> Result<()> {
        for item in items {
            let Sx::Atom(r, pos) = item else { return Err(self.err(item.pos(), "a requirement is a keyword such as :strips".into())) };
            if !SUPPORTED_REQUIREMENTS.contains(&r.as_str()) {
                return Err(self.err(
                    *pos,
                    format!("requirement {r} is not supported: the importer reads STRIPS with {}", SUPPORTED_REQUIREMENTS[1..].join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// A name: a letter, then letters, digits, `-` and `_`.
    fn name(&self, sx: &Sx) -> Result<String> {
        match sx {
            Sx::Atom(a, pos) => {
                if is_name(a) {
                    Ok(a.clone())
                } else {
                    Err(self.err(*pos, format!("{a:?} is not a name (a letter, then letters, digits, '-' and '_')")))
                }
            }
            Sx::List(_, pos) => Err(self.err(*pos, "expected a name, found a list".into())),
        }
    }

    fn known_type(&self, d: &Domain, ty: &str, pos: Pos) -> Result<()> {
        if ty == OBJECT || d.types.contains_key(ty) {
            Ok(())
        } else {
            Err(self.err(pos, format!("unknown type {ty}")))
        }
    }

    /// `a b - t c - u d`: each entry with its type (`None` when none is given), and
    /// where it was written. `variables` says whether entries are `?x` or names.
    fn typed_list(&self, items: &[Sx], variables: bool) -> Result<Vec<(String, Option<String>, Pos)>> {
        let mut out: Vec<(String, Option<String>, Pos)> = Vec::new();
        let mut untyped_from = 0;
        let mut i = 0;
        while i < items.len() {
            match &items[i] {
                Sx::Atom(a, pos) if a == "-" => {
                    let ty = match items.get(i + 1) {
                        Some(Sx::List(parts, at)) if matches!(parts.first(), Some(Sx::Atom(e, _)) if e == "either") => {
                            return Err(self.err(*at, "(either …) types are not supported: give each object one type".into()))
                        }
                        Some(t) => self.name(t)?,
                        None => return Err(self.err(*pos, "'-' must be followed by a type".into())),
                    };
                    if untyped_from == out.len() {
                        return Err(self.err(*pos, "'-' must follow at least one name".into()));
                    }
                    for entry in &mut out[untyped_from..] {
                        entry.1 = Some(ty.clone());
                    }
                    untyped_from = out.len();
                    i += 2;
                }
                Sx::Atom(a, pos) if variables => {
                    let Some(v) = a.strip_prefix('?').filter(|v| is_name(v)) else {
                        return Err(self.err(*pos, format!("{a:?} is not a variable (?name)")));
                    };
                    out.push((v.to_owned(), None, *pos));
                    i += 1;
                }
                other => {
                    out.push((self.name(other)?, None, other.pos()));
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    fn action(&self, d: &Domain, sx: &Sx) -> Result<Schema> {
        let Sx::List(items, pos) = sx else { unreachable!("sections are lists") };
        let name = items.get(1).map(|n| self.name(n)).transpose()?.ok_or_else(|| self.err(*pos, "(:action NAME …) needs a name".into()))?;
        let mut schema = Schema { name, pos: *pos, params: Vec::new(), precondition: Vec::new(), effect: Vec::new() };
        let mut rest = items[2..].iter();
        while let Some(key) = rest.next() {
            let Sx::Atom(k, at) = key else { return Err(self.err(key.pos(), "expected :parameters, :precondition or :effect".into())) };
            let value = rest.next().ok_or_else(|| self.err(*at, format!("{k} needs a value")))?;
            match k.as_str() {
                ":parameters" => {
                    let Sx::List(params, _) = value else { return Err(self.err(value.pos(), ":parameters takes a list (?x - type …)".into())) };
                    for (v, ty, at) in self.typed_list(params, true)? {
                        let ty = ty.unwrap_or_else(|| OBJECT.into());
                        self.known_type(d, &ty, at)?;
                        if schema.params.iter().any(|(p, _)| *p == v) {
                            return Err(self.err(at, format!("parameter ?{v} is declared twice")));
                        }
                        schema.params.push((v, ty));
                    }
                }
                ":precondition" => {
                    schema.precondition = self.conjunction(value, &Scope { domain: d, params: &schema.params, objects: None }, false)?;
                }
                ":effect" => {
                    schema.effect = self.conjunction(value, &Scope { domain: d, params: &schema.params, objects: None }, true)?;
                }
                other => return Err(self.err(*at, format!("unknown action field {other}"))),
            }
        }
        Ok(schema)
    }

    /// A conjunction of literals: `()`, a literal, or `(and …)` of them, nested.
    fn conjunction(&self, sx: &Sx, scope: &Scope, effect: bool) -> Result<Vec<Literal>> {
        let mut out = Vec::new();
        let mut todo = vec![sx];
        while let Some(sx) = todo.pop() {
            if let Sx::List(items, pos) = sx {
                match items.first() {
                    None => continue,
                    Some(Sx::Atom(head, _)) if head == "and" => {
                        todo.extend(items[1..].iter().rev());
                        continue;
                    }
                    Some(Sx::Atom(head, _)) => {
                        let refusal = match (head.as_str(), effect) {
                            ("or", false) => Some(unsupported(":disjunctive-preconditions", "(or …)")),
                            ("imply", false) => Some(unsupported(":disjunctive-preconditions", "(imply …)")),
                            ("exists", false) => Some(unsupported(":existential-preconditions", "(exists …)")),
                            ("forall", false) => Some(unsupported(":universal-preconditions", "(forall …)")),
                            ("forall", true) | ("when", true) => Some(unsupported(":conditional-effects", &format!("({head} …)"))),
                            ("increase" | "decrease" | "assign" | "scale-up" | "scale-down", true) => {
                                Some(unsupported(":numeric-fluents", &format!("({head} …)")))
                            }
                            ("preference", _) => Some(unsupported(":preferences", "(preference …)")),
                            _ => None,
                        };
                        if let Some(message) = refusal {
                            return Err(self.err(*pos, message));
                        }
                    }
                    Some(Sx::List(_, at)) => return Err(self.err(*at, "expected a literal such as (on ?x ?y)".into())),
                }
            }
            let lit = self.literal(sx, scope)?;
            if effect && matches!(lit, Literal::Equal { .. }) {
                return Err(self.err(sx.pos(), "an effect cannot be an equality".into()));
            }
            out.push(lit);
        }
        Ok(out)
    }

    /// `(p t…)`, `(= a b)`, or either under one `not`.
    fn literal(&self, sx: &Sx, scope: &Scope) -> Result<Literal> {
        let Sx::List(items, pos) = sx else { return Err(self.err(sx.pos(), "expected a literal such as (on ?x ?y)".into())) };
        match items.as_slice() {
            [Sx::Atom(not, _), inner] if not == "not" => match self.literal(inner, scope)? {
                Literal::Atom { positive: true, predicate, args, pos } => Ok(Literal::Atom { positive: false, predicate, args, pos }),
                Literal::Equal { positive: true, left, right, pos } => Ok(Literal::Equal { positive: false, left, right, pos }),
                _ => Err(self.err(*pos, "(not (not …)) is not supported".into())),
            },
            [Sx::Atom(eq, _), a, b] if eq == "=" => {
                let (left, right) = (self.term(a, scope)?, self.term(b, scope)?);
                if matches!((a, b), (Sx::List(..), _) | (_, Sx::List(..))) {
                    return Err(self.err(*pos, unsupported(":numeric-fluents", "(= (function …) …)")));
                }
                Ok(Literal::Equal { positive: true, left, right, pos: *pos })
            }
            [head, args @ ..] => {
                let predicate = self.name(head)?;
                let Some(types) = scope.domain.predicates.get(&predicate) else {
                    return Err(self.err(head.pos(), format!("unknown predicate {predicate}")));
                };
                if types.len() != args.len() {
                    return Err(self.err(*pos, format!("predicate {predicate} takes {} argument(s), not {}", types.len(), args.len())));
                }
                let mut terms = Vec::with_capacity(args.len());
                for (arg, want) in args.iter().zip(types) {
                    let term = self.term(arg, scope)?;
                    let have = scope.type_of(&term).unwrap_or(OBJECT);
                    if !scope.domain.is_subtype(have, want) {
                        return Err(self.err(arg.pos(), format!("argument of type {have} where predicate {predicate} expects {want}")));
                    }
                    terms.push(term);
                }
                Ok(Literal::Atom { positive: true, predicate, args: terms, pos: *pos })
            }
            [] => Err(self.err(*pos, "empty literal".into())),
        }
    }

    fn term(&self, sx: &Sx, scope: &Scope) -> Result<Term> {
        match sx {
            Sx::Atom(a, pos) if a.starts_with('?') => {
                let v = &a[1..];
                if scope.params.iter().any(|(p, _)| p == v) {
                    Ok(Term::Var(v.to_owned()))
                } else {
                    Err(self.err(*pos, format!("variable {a} is not a parameter of the action")))
                }
            }
            Sx::Atom(..) => {
                let name = self.name(sx)?;
                let term = Term::Name(name);
                match scope.type_of(&term) {
                    Some(_) => Ok(term),
                    None => Err(self.err(sx.pos(), format!("unknown {} {}", if scope.objects.is_some() { "object" } else { "constant" }, sx_text(sx)))),
                }
            }
            Sx::List(_, pos) => Err(self.err(*pos, unsupported(":numeric-fluents", "a function term"))),
        }
    }
}

fn sx_text(sx: &Sx) -> &str {
    match sx {
        Sx::Atom(a, _) => a,
        Sx::List(..) => "(…)",
    }
}

/// A PDDL name: a letter, then letters, digits, `-` and `_` (already lower case).
pub fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
