//! Reads PDDL text into s-expressions: lists and atoms, each with the line and column
//! where it starts. Comments (`;` to the end of the line) are dropped; atoms are read
//! in lower case, as PDDL names are case-insensitive. Iterative, so that deep nesting
//! is refused with an error instead of overflowing the stack.

use super::{PddlFile, MAX_NESTING};
use crate::{Error, Result};

/// A place in the text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, in characters.
    pub column: u32,
}

/// An s-expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Sx {
    /// A parenthesised list, at its opening parenthesis.
    List(Vec<Sx>, Pos),
    /// A name, variable, keyword or number, lower-cased.
    Atom(String, Pos),
}

impl Sx {
    /// Where the expression starts.
    pub fn pos(&self) -> Pos {
        match self {
            Sx::List(_, p) | Sx::Atom(_, p) => *p,
        }
    }
}

/// Reads every top-level expression of `text`.
pub fn read(text: &str, file: PddlFile) -> Result<Vec<Sx>> {
    let err = |pos: Pos, message: String| Error::Pddl { file, line: pos.line, column: pos.column, message };
    let mut open: Vec<(Vec<Sx>, Pos)> = Vec::new();
    let mut top = Vec::new();
    let (mut line, mut column) = (1u32, 0u32);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column = column.saturating_add(1);
        let pos = Pos { line, column };
        match c {
            '\n' => {
                line = line.saturating_add(1);
                column = 0;
            }
            c if c.is_whitespace() => {}
            ';' => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '(' => {
                if open.len() >= MAX_NESTING {
                    return Err(err(pos, format!("expressions nest deeper than {MAX_NESTING} levels")));
                }
                open.push((Vec::new(), pos));
            }
            ')' => {
                let Some((items, start)) = open.pop() else {
                    return Err(err(pos, "unbalanced ')': no list is open here".into()));
                };
                let list = Sx::List(items, start);
                match open.last_mut() {
                    Some((parent, _)) => parent.push(list),
                    None => top.push(list),
                }
            }
            _ => {
                let mut atom = String::new();
                atom.extend(c.to_lowercase());
                while let Some(&next) = chars.peek() {
                    if next.is_whitespace() || matches!(next, '(' | ')' | ';') {
                        break;
                    }
                    atom.extend(next.to_lowercase());
                    chars.next();
                    column = column.saturating_add(1);
                }
                let sx = Sx::Atom(atom, pos);
                match open.last_mut() {
                    Some((parent, _)) => parent.push(sx),
                    None => top.push(sx),
                }
            }
        }
    }
    if let Some((_, start)) = open.last() {
        return Err(err(*start, "this '(' is never closed".into()));
    }
    Ok(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lists_with_positions_and_drops_comments() {
        let sx = read("; hello\n(Define (x ?Y)) ; bye", PddlFile::Domain).unwrap();
        let Sx::List(items, pos) = &sx[0] else { panic!("{sx:?}") };
        assert_eq!(pos, &Pos { line: 2, column: 1 });
        assert_eq!(items[0], Sx::Atom("define".into(), Pos { line: 2, column: 2 }));
        let Sx::List(inner, pos) = &items[1] else { panic!() };
        assert_eq!(pos.column, 9);
        assert_eq!(inner[1], Sx::Atom("?y".into(), Pos { line: 2, column: 12 }));
    }

    #[test]
    fn unbalanced_parentheses_say_where() {
        let e = read("(a\n  (b)", PddlFile::Problem).unwrap_err();
        assert_eq!(e.to_string(), "problem 1:1: this '(' is never closed");
        let e = read("(a))", PddlFile::Domain).unwrap_err();
        assert_eq!(e.to_string(), "domain 1:4: unbalanced ')': no list is open here");
        let deep = "(".repeat(MAX_NESTING + 1);
        assert!(read(&deep, PddlFile::Domain).unwrap_err().to_string().contains("nest deeper"));
    }
}
