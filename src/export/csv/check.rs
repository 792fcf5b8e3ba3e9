//! What a tasks file alone decides, checked over all its rows: keys well formed and
//! each once, every field by the domain's rules (all of a row's faults, not just the
//! first), times following the status as in a JSON file, and the dependencies between
//! the file's rows repeated nowhere and free of cycles. Linear in the file, bar the
//! sort-free hash lookups.

use super::cell;
use super::reader::Rows;
use crate::domain::{Key, TaskFields, PRIORITY_DEFAULT};
use crate::export::convert;
use crate::export::cycles::find_cycle;
use crate::export::pointer::place;
use crate::export::problems::Problems;
use crate::export::validate::task_times;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// The file's dependencies: those between its rows, resolved, and those naming a key
/// the file does not hold, for the database to resolve.
pub(crate) struct Links {
    /// (task, depends on), as indexes into the rows.
    pub inside: Vec<(usize, usize)>,
    /// (task, key of a task outside the file).
    pub outside: Vec<(usize, String)>,
}

pub(crate) fn check(rows: &Rows, p: &mut Problems) -> Links {
    let tasks = &rows.tasks;
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(tasks.len());
    for (i, t) in tasks.iter().enumerate() {
        let at = || cell(rows.rows[i], "key");
        if let Err(reason) = Key::parse(&t.key) {
            p.push(at(), format!("key {:?} {reason}", t.key));
        }
        match index.entry(t.key.as_str()) {
            Entry::Occupied(first) => p.push(at(), format!("duplicate key {:?}: row {} has it too", t.key, rows.rows[*first.get()])),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    let mut links = Links { inside: Vec::new(), outside: Vec::new() };
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    for (i, t) in tasks.iter().enumerate() {
        let base = format!("/rows/{}", rows.rows[i]);
        fields(p, convert::task_fields(t.clone()), &t.key, &base);
        task_times(p, t, &base);
        let mut seen = HashSet::with_capacity(t.depends_on.len());
        for d in &t.depends_on {
            if !seen.insert(d.as_str()) {
                p.push(cell(rows.rows[i], "depends_on"), format!("{d:?} is listed twice"));
            } else if let Some(&target) = index.get(d.as_str()) {
                after[i].push(target);
                links.inside.push((i, target));
            } else {
                links.outside.push((i, d.clone()));
            }
        }
    }
    if let Some(cycle) = find_cycle(after.len(), |i| &after[i]) {
        let names: Vec<&str> = cycle.iter().map(|&n| tasks[n].key.as_str()).collect();
        // The cycle is [a, …, a]: reported on the row whose dependency closes it.
        let from = cycle[cycle.len() - 2];
        p.push(cell(rows.rows[from], "depends_on"), format!("task dependencies form a cycle: {}", names.join(" → ")));
    }
    links
}

/// Every field fault of one task by the domain's validator, which stops at the first:
/// each fault found is reported and its field set to a valid stand-in, then the rest
/// is checked again.
fn fields(p: &mut Problems, mut f: TaskFields, key: &str, base: &str) {
    // Title, priority, effort and deadline: at most one round per field.
    for _ in 0..4 {
        let Err(invalid) = f.validate(key) else { return };
        match invalid.field.as_str() {
            "title" => f.title = "-".into(),
            "priority" => f.priority = PRIORITY_DEFAULT,
            "effort" => f.effort = 0.0,
            "deadline" => f.deadline = None,
            _ => {
                p.add(place(invalid.into(), base));
                return;
            }
        }
        p.add(place(invalid.into(), base));
    }
}

#[cfg(test)]
mod tests {
    use super::super::reader::read;
    use super::*;

    fn problems(body: &str) -> Vec<(String, String)> {
        let text = format!("key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on\n{body}");
        let mut p = Problems::default();
        let rows = read(&text, "2026-01-01T00:00:00.000Z", &mut p).unwrap();
        check(&rows, &mut p);
        match p.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.import_problems().unwrap().0.into_iter().map(|x| (x.pointer, x.message)).collect(),
        }
    }

    #[test]
    fn lists_every_field_fault_of_a_row() {
        let found = problems("T-1, ,,todo,11,-2,soon,,,,,\n");
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/rows/2/title", "/rows/2/priority", "/rows/2/effort", "/rows/2/deadline"]);
        assert!(found[1].1.contains("between 1 and 10"), "{found:?}");
    }

    #[test]
    fn keys_dependencies_and_cycles() {
        let found = problems("T-1,a,,todo,5,1,,,,,,T-2;T-OUT\nT-2,b,,todo,5,1,,,,,,T-3;T-3\nT-3,c,,todo,5,1,,,,,,T-1\nT-1,d,,todo,5,1,,,,,,\n-x,e,,todo,5,1,,,,,,\n");
        assert_eq!(
            found,
            [
                ("/rows/5/key".to_owned(), "duplicate key \"T-1\": row 2 has it too".to_owned()),
                ("/rows/6/key".to_owned(), "key \"-x\" must start with a letter or a digit".to_owned()),
                ("/rows/3/depends_on".to_owned(), "\"T-3\" is listed twice".to_owned()),
                ("/rows/4/depends_on".to_owned(), "task dependencies form a cycle: T-1 → T-2 → T-3 → T-1".to_owned()),
            ]
        );
    }

    #[test]
    fn times_follow_the_status() {
        let text = "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on,created_at,completed_at\n\
                    T-1,a,,todo,5,1,,,,,,,yesterday,2026-01-01T00:00:00Z\n";
        let mut p = Problems::default();
        let rows = read(text, "2026-01-01T00:00:00.000Z", &mut p).unwrap();
        check(&rows, &mut p);
        let e = p.finish().unwrap_err();
        let pointers: Vec<String> = e.import_problems().unwrap().0.into_iter().map(|x| x.pointer).collect();
        assert_eq!(pointers, ["/rows/2/created_at", "/rows/2/completed_at"]);
    }
}
