//! Reading a tasks CSV file's text into one task per row, reporting every value that
//! cannot be read (and going on with a stand-in, so that the other rows are still
//! checked): a header row first, then rows of the header's width. A byte order mark at
//! the start is skipped; rows whose fields are all empty (a spreadsheet's trailing rows)
//! are skipped; values other than title and description are trimmed of spaces.

use super::cell;
use super::columns::{Column, Header, COLUMNS, KEY_SEPARATOR};
use crate::domain::{TaskStatus, PRIORITY_DEFAULT, PRIORITY_MAX, PRIORITY_MIN};
use crate::export::problems::Problems;
use crate::export::v1::{StepRefDoc, TaskDoc};

/// The file's tasks, in file order.
pub(crate) struct Rows {
    pub tasks: Vec<TaskDoc>,
    /// Each task's row number, counting the header as row 1.
    pub rows: Vec<usize>,
}

/// The tasks of `text`, with every problem of a row in `p`; `None` when the file has
/// no usable header (empty, or a header with unknown, repeated or missing columns).
/// `now` is the time given to a time the file leaves empty where the status needs one.
pub(crate) fn read(text: &str, now: &str, p: &mut Problems) -> Option<Rows> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            p.push("", format!("the file is empty: a tasks file starts with a header row ({})", COLUMNS.join(",")));
            return None;
        }
        Some(Err(e)) => {
            p.push("/header", format!("cannot be read: {e}"));
            return None;
        }
        Some(Ok(record)) => Header::read(record.iter(), p)?,
    };
    let mut out = Rows { tasks: Vec::new(), rows: Vec::new() };
    for (i, record) in records.enumerate() {
        // The header is row 1; `Position::record` counts it too.
        let row = match &record {
            Ok(r) => r.position().map_or(i + 2, |at| at.record() as usize + 1),
            Err(_) => i + 2,
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                p.push(format!("/rows/{row}"), format!("cannot be read: {e}"));
                break;
            }
        };
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != header.width {
            p.push(format!("/rows/{row}"), format!("has {} fields, the header has {}", fields.len(), header.width));
            continue;
        }
        out.tasks.push(task(&header, &fields, row, now, p));
        out.rows.push(row);
    }
    Some(out)
}

/// One row as a task; a value that cannot be read is reported and stood in for.
fn task(header: &Header, fields: &[&str], row: usize, now: &str, p: &mut Problems) -> TaskDoc {
    let get = |c: Column| header.get(fields, c);
    let value = |c: Column| get(c).trim();
    let optional = |c: Column| Some(value(c)).filter(|v| !v.is_empty()).map(str::to_owned);
    let required = |c: Column, p: &mut Problems| {
        let v = value(c);
        if v.is_empty() {
            p.push(cell(row, c.name()), "must not be empty");
        }
        v
    };

    let status = match required(Column::Status, p) {
        "" => TaskStatus::Todo,
        text => TaskStatus::parse(text).unwrap_or_else(|| {
            let names: Vec<&str> = TaskStatus::ALL.iter().map(|s| s.as_str()).collect();
            p.push(cell(row, "status"), format!("must be one of {}, not {text:?}", names.join(", ")));
            TaskStatus::Todo
        }),
    };
    let priority = match required(Column::Priority, p) {
        "" => PRIORITY_DEFAULT,
        text => text.parse::<u8>().unwrap_or_else(|_| {
            p.push(cell(row, "priority"), format!("must be a whole number between {PRIORITY_MIN} and {PRIORITY_MAX}, not {text:?}"));
            PRIORITY_DEFAULT
        }),
    };
    let effort = match required(Column::Effort, p) {
        "" => 0.0,
        text => number(text).unwrap_or_else(|| {
            p.push(cell(row, "effort"), format!("must be a number of hours such as 2 or 1.5, not {text:?}"));
            0.0
        }),
    };
    let step = match (optional(Column::Plan), optional(Column::Step)) {
        (Some(plan), Some(step)) => Some(StepRefDoc { plan, step }),
        (None, None) => None,
        (Some(plan), None) => {
            p.push(cell(row, "step"), format!("must name a step of plan {plan}: plan and step go together"));
            None
        }
        (None, Some(step)) => {
            p.push(cell(row, "plan"), format!("must name the plan of step {step}: plan and step go together"));
            None
        }
    };
    let depends_on = value(Column::DependsOn).split(KEY_SEPARATOR).map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect();

    // A time the file leaves empty is the import's, where the status needs one.
    let created_at = optional(Column::CreatedAt).unwrap_or_else(|| now.to_owned());
    let started_at = optional(Column::StartedAt).or_else(|| matches!(status, TaskStatus::InProgress | TaskStatus::Done).then(|| now.to_owned()));
    let completed_at = optional(Column::CompletedAt).or_else(|| (status == TaskStatus::Done).then(|| now.to_owned()));
    TaskDoc {
        key: value(Column::Key).to_owned(),
        title: get(Column::Title).to_owned(),
        description: get(Column::Description).to_owned(),
        status,
        priority,
        effort,
        deadline: optional(Column::Deadline),
        goal: optional(Column::Goal),
        step,
        assignee: optional(Column::Assignee),
        depends_on,
        created_at,
        started_at,
        completed_at,
    }
}

/// A decimal number as the exporter writes it (`2`, `16.5`, `1e3`); not `inf` or `NaN`,
/// which Rust would read but no one means.
fn number(text: &str) -> Option<f64> {
    let plain = text.bytes().all(|b| b.is_ascii_digit() || b".+-eE".contains(&b));
    text.parse().ok().filter(|_| plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_ok(text: &str) -> Rows {
        let mut p = Problems::default();
        let rows = read(text, "2026-01-01T00:00:00.000Z", &mut p).unwrap();
        p.finish().unwrap();
        rows
    }

    const HEADER: &str = "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on";

    #[test]
    fn reads_quoted_fields_any_line_end_and_a_bom() {
        let text = format!("\u{feff}{HEADER}\r\nT-1,\"a, \"\"b\"\"\r\nc\",,todo,5,1.5,,,,,, T-2 ; T-3;\nT-2,x,,done,1,0,,,,,,\r,,,,,,,,,,,\n");
        let rows = read_ok(&text);
        assert_eq!(rows.rows, [2, 3]);
        let t = &rows.tasks[0];
        assert_eq!((t.key.as_str(), t.title.as_str(), t.effort), ("T-1", "a, \"b\"\r\nc", 1.5));
        assert_eq!(t.depends_on, ["T-2", "T-3"]);
        assert_eq!(t.started_at, None);
        let done = &rows.tasks[1];
        assert_eq!(done.status, TaskStatus::Done);
        assert_eq!(done.completed_at.as_deref(), Some("2026-01-01T00:00:00.000Z"));
        assert_eq!(done.started_at.as_deref(), Some("2026-01-01T00:00:00.000Z"));
    }

    #[test]
    fn reports_every_unreadable_value() {
        let text = format!("{HEADER}\nT-1,x,,doing,high,1.5.2,,,P-1,,,\nT-2,x,,todo,5,inf,,,,S1,,\nT-3,too,few\n");
        let mut p = Problems::default();
        let rows = read(&text, "now", &mut p).unwrap();
        assert_eq!(rows.rows, [2, 3]);
        let e = p.finish().unwrap_err();
        let pointers: Vec<String> = e.import_problems().unwrap().0.into_iter().map(|x| x.pointer).collect();
        assert_eq!(pointers, ["/rows/2/status", "/rows/2/priority", "/rows/2/effort", "/rows/2/step", "/rows/3/effort", "/rows/3/plan", "/rows/4"]);
    }

    #[test]
    fn an_empty_file_has_no_header() {
        for text in ["", "\u{feff}"] {
            let mut p = Problems::default();
            assert!(read(text, "now", &mut p).is_none());
            assert!(p.finish().unwrap_err().to_string().contains("the file is empty"));
        }
        assert!(read_ok(HEADER).tasks.is_empty());
    }
}
