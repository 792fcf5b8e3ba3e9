//! Scheduling for the timeline views: when each step of a plan runs (planned from the
//! critical path, actual from its tasks, and projected for the rest), and when each
//! agent works on its tasks, one task at a time, with overload marked where it happens.
//!
//! Pure functions over domain values: no database, no `Store`. Every time is a number of
//! hours from an origin timestamp that the result carries (RFC 3339 UTC), because
//! action durations and task efforts are in hours. Semantics: docs/timeline.md.

mod clock;
#[cfg(test)]
mod fixtures;
mod lanes;
mod timeline;

pub use lanes::{agent_lanes, AgentLane, AgentLanes, Overload, OverloadKind, TaskBar, Unscheduled, UnscheduledReason};
pub use timeline::{plan_timeline, PlanTimeline, StepBar, TimelineEdge};
