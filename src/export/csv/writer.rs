//! Writing tasks as CSV: a header of every column, one row per task in the order given,
//! CRLF after every row, a field quoted only when it holds a comma, a quote, CR or LF
//! (quotes doubled). Numbers are written as they read back exactly (`16.5`, `2`).

use super::columns::{COLUMNS, KEY_SEPARATOR};
use crate::export::v1::TaskDoc;

/// The text of a tasks file: deterministic for the same tasks in the same order.
pub(crate) fn to_csv(tasks: &[TaskDoc]) -> String {
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to a vector cannot fail, and every field is UTF-8 text.
    out.write_record(COLUMNS).expect("writing to memory");
    for t in tasks {
        let (plan, step) = t.step.as_ref().map_or(("", ""), |s| (s.plan.as_str(), s.step.as_str()));
        let depends_on = t.depends_on.join(&KEY_SEPARATOR.to_string());
        let record: [&str; COLUMNS.len()] = [
            &t.key,
            &t.title,
            &t.description,
            t.status.as_str(),
            &t.priority.to_string(),
            &t.effort.to_string(),
            t.deadline.as_deref().unwrap_or(""),
            t.goal.as_deref().unwrap_or(""),
            plan,
            step,
            t.assignee.as_deref().unwrap_or(""),
            &depends_on,
            &t.created_at,
            t.started_at.as_deref().unwrap_or(""),
            t.completed_at.as_deref().unwrap_or(""),
        ];
        out.write_record(record).expect("writing to memory");
    }
    let bytes = out.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TaskStatus;
    use crate::export::v1::StepRefDoc;

    fn task(key: &str, title: &str) -> TaskDoc {
        TaskDoc {
            key: key.into(),
            title: title.into(),
            description: String::new(),
            status: TaskStatus::Todo,
            priority: 5,
            effort: 2.0,
            deadline: None,
            goal: None,
            step: None,
            assignee: None,
            depends_on: Vec::new(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            started_at: None,
            completed_at: None,
        }
    }

    #[test]
    fn quotes_only_what_needs_it_and_ends_rows_with_crlf() {
        let mut t = task("T-1", "Say \"hi\", then\nleave");
        t.description = "a\rb".into();
        t.effort = 16.5;
        t.step = Some(StepRefDoc { plan: "P-1".into(), step: "S1".into() });
        t.depends_on = vec!["T-0".into(), "T-9".into()];
        let text = to_csv(&[t, task("T-2", "plain")]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(lines[1], "T-1,\"Say \"\"hi\"\", then\nleave\",\"a\rb\",todo,5,16.5,,,P-1,S1,,T-0;T-9,2026-01-01T00:00:00.000Z,,");
        assert_eq!(lines[2], "T-2,plain,,todo,5,2,,,,,,,2026-01-01T00:00:00.000Z,,");
        assert_eq!(lines[3], "");
        assert_eq!(lines.len(), 4);
    }
}
