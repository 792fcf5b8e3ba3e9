//! A plan as one self-contained HTML report, for people without the planner: its
//! header, validation verdict, totals, step graph and Gantt chart (inline SVG), steps and
//! tasks with their agents. Pure: the values a caller loaded go in, the text comes out;
//! no database, no clock, no file system (reading the inputs is `ops::plan_report`'s job).
//!
//! The page is one file: inline CSS (light and dark through `prefers-color-scheme`), no
//! script, no external reference. Every text from the database is escaped (`text`) and
//! cut to [`MAX_TEXT_CHARS`]; tables and drawings stop at [`MAX_REPORT_ROWS`] rows, so
//! the output is bounded whatever the database holds. docs/report.md describes it.

mod gantt_svg;
mod graph_svg;
mod page;
mod style;
mod tables;
mod text;

use crate::domain::{Action, Agent, Goal, Plan, Task};
use crate::planning::PlanValidation;
use crate::schedule::PlanTimeline;
use crate::Result;

/// The longest text (title, goal, note) the report shows, in characters; longer ones are
/// cut with an ellipsis.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most steps drawn and listed, and the most tasks listed; the rest are counted.
pub const MAX_REPORT_ROWS: usize = 2_000;

/// Everything a report shows, as the store holds it.
#[derive(Clone, Copy, Debug)]
pub struct ReportInput<'a> {
    /// The plan reported on.
    pub plan: &'a Plan,
    /// The goal it is for.
    pub goal: &'a Goal,
    /// The plan's validation verdict.
    pub validation: &'a PlanValidation,
    /// The plan's timeline at the report's time.
    pub timeline: &'a PlanTimeline,
    /// At least the actions the plan's steps use (for their costs).
    pub actions: &'a [Action],
    /// The tasks made from the plan's steps.
    pub tasks: &'a [Task],
    /// At least the agents those tasks are assigned to (for their names).
    pub agents: &'a [Agent],
    /// When the report was made (RFC 3339 UTC), printed in its header.
    pub generated_at: &'a str,
}

/// The report of `input` as the text of one HTML file. Fails only when the plan's graph
/// cannot be laid out (it is not a DAG), which the store never lets happen.
pub fn plan_report_html(input: &ReportInput) -> Result<String> {
    page::render(input)
}
