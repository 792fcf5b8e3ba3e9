//! The columns of a tasks CSV file: their names in the order the exporter writes them,
//! which of them the importer requires, and a header row read into column positions.

use crate::export::pointer::escape;
use crate::export::problems::Problems;

/// Every column, in the order the exporter writes them.
pub const COLUMNS: [&str; 15] = [
    "key",
    "title",
    "description",
    "status",
    "priority",
    "effort",
    "deadline",
    "goal",
    "plan",
    "step",
    "assignee",
    "depends_on",
    "created_at",
    "started_at",
    "completed_at",
];

/// The first `REQUIRED` columns of [`COLUMNS`] must be in every header; the times after
/// them may be left out (an empty time is the import's time where the status needs one).
pub const REQUIRED: usize = 12;

/// What separates the task keys of `depends_on`.
pub const KEY_SEPARATOR: char = ';';

/// One column, by its place in [`COLUMNS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Key,
    Title,
    Description,
    Status,
    Priority,
    Effort,
    Deadline,
    Goal,
    Plan,
    Step,
    Assignee,
    DependsOn,
    CreatedAt,
    StartedAt,
    CompletedAt,
}

impl Column {
    pub(crate) fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// Where each column is in the file's rows, and how many fields a row has.
pub(crate) struct Header {
    position: [Option<usize>; COLUMNS.len()],
    pub width: usize,
}

impl Header {
    /// Reads the header row (names trimmed of spaces, compared exactly), reporting
    /// unknown, repeated and missing columns; `None` when any was found.
    pub(crate) fn read<'a>(names: impl IntoIterator<Item = &'a str>, p: &mut Problems) -> Option<Header> {
        let mut header = Header { position: [None; COLUMNS.len()], width: 0 };
        let mut fine = true;
        for (i, name) in names.into_iter().enumerate() {
            header.width = i + 1;
            let name = name.trim();
            let at = format!("/header/{}", escape(name));
            match COLUMNS.iter().position(|c| *c == name) {
                None => {
                    p.push(at, format!("unknown column {name:?} (field {}); the columns are {}", i + 1, COLUMNS.join(", ")));
                    fine = false;
                }
                Some(c) if header.position[c].is_some() => {
                    p.push(at, format!("the column {name} appears twice (fields {} and {})", header.position[c].unwrap_or(0) + 1, i + 1));
                    fine = false;
                }
                Some(c) => header.position[c] = Some(i),
            }
        }
        for (c, name) in COLUMNS.iter().enumerate().take(REQUIRED) {
            if header.position[c].is_none() {
                p.push(format!("/header/{name}"), format!("the header has no column {name}, which every file needs"));
                fine = false;
            }
        }
        fine.then_some(header)
    }

    /// The field of `column` in a row of the header's width ("" for an optional column
    /// the file leaves out).
    pub(crate) fn get<'r>(&self, row: &'r [&'r str], column: Column) -> &'r str {
        self.position[column as usize].and_then(|i| row.get(i).copied()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_in_order() {
        const ALL: [Column; 15] = [
            Column::Key,
            Column::Title,
            Column::Description,
            Column::Status,
            Column::Priority,
            Column::Effort,
            Column::Deadline,
            Column::Goal,
            Column::Plan,
            Column::Step,
            Column::Assignee,
            Column::DependsOn,
            Column::CreatedAt,
            Column::StartedAt,
            Column::CompletedAt,
        ];
        assert!(ALL.iter().enumerate().all(|(i, c)| *c as usize == i && c.name() == COLUMNS[i]));
        assert_eq!(COLUMNS[REQUIRED - 1], "depends_on");
    }

    #[test]
    fn headers_in_any_order_with_optional_times() {
        let mut p = Problems::default();
        let mut names: Vec<&str> = COLUMNS[..REQUIRED].to_vec();
        names.reverse();
        let header = Header::read(names.iter().copied(), &mut p).unwrap();
        assert!(p.finish().is_ok());
        assert_eq!(header.width, REQUIRED);
        let row: Vec<&str> = names.clone();
        assert_eq!(header.get(&row, Column::Key), "key");
        assert_eq!(header.get(&row, Column::CreatedAt), "");
    }

    #[test]
    fn every_header_problem_is_listed() {
        let mut p = Problems::default();
        let names = ["key", "title", "Title", "title", "status"];
        assert!(Header::read(names, &mut p).is_none());
        let e = p.finish().unwrap_err();
        let (list, _) = e.import_problems().unwrap();
        let pointers: Vec<&str> = list.iter().map(|x| x.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/header/Title", "/header/title", "/header/description", "/header/priority", "/header/effort", "/header/deadline",
             "/header/goal", "/header/plan", "/header/step", "/header/assignee", "/header/depends_on"]
        );
    }
}
