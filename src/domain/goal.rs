//! Goals: a tree of sub-goals, a DAG of dependencies, soft-goal contributions.

use super::{Condition, Effect, PRIORITY_DEFAULT};
use serde::{Deserialize, Serialize};

text_enum! {
    /// Hard goals must be met; soft goals are satisficed and may contribute to others.
    pub enum GoalKind { Hard = "hard", Soft = "soft" }
}

text_enum! {
    /// What the goal asks of the world (KAOS / BDI goal modes).
    pub enum GoalMode {
        Achieve = "achieve",
        Maintain = "maintain",
        Cease = "cease",
        Avoid = "avoid",
        Query = "query",
    }
}

text_enum! {
    /// AND: every sub-goal is needed. OR: any one sub-goal suffices.
    pub enum Refinement { And = "and", Or = "or" }
}

text_enum! {
    /// A goal's life cycle; see [`GoalStatus::can_become`].
    pub enum GoalStatus {
        Pending = "pending",
        Active = "active",
        InProgress = "in_progress",
        Achieved = "achieved",
        Failed = "failed",
        Suspended = "suspended",
        Abandoned = "abandoned",
    }
}

impl GoalStatus {
    /// pending → active → in_progress → achieved | failed | suspended | abandoned.
    /// Failed and suspended goals may return to active; a goal not yet in progress may be
    /// suspended or abandoned; achieved and abandoned are final.
    pub fn can_become(self, to: GoalStatus) -> bool {
        use GoalStatus::*;
        matches!(
            (self, to),
            (Pending, Active | Abandoned)
                | (Active, InProgress | Suspended | Abandoned)
                | (InProgress, Achieved | Failed | Suspended | Abandoned)
                | (Failed, Active | Abandoned)
                | (Suspended, Active | Abandoned)
        )
    }

    pub fn is_final(self) -> bool {
        matches!(self, GoalStatus::Achieved | GoalStatus::Abandoned)
    }
}

text_enum! {
    /// How a soft goal affects another goal (i* / Tropos contribution links).
    pub enum ContributionKind {
        Makes = "++",
        Helps = "+",
        Hurts = "-",
        Breaks = "--",
    }
}

/// A measurable indicator of a goal's progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub name: String,
    pub target: f64,
    #[serde(default)]
    pub current: f64,
    #[serde(default)]
    pub unit: String,
}

/// The fields of a goal that its editor changes in one save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalFields {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub priority: u8,
    pub kind: GoalKind,
    pub mode: GoalMode,
    pub refinement: Refinement,
    #[serde(default)]
    pub preconditions: Vec<Condition>,
    #[serde(default)]
    pub postconditions: Vec<Condition>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
}

impl GoalFields {
    /// A hard achieve-goal with AND refinement and default priority.
    pub fn titled(title: &str) -> GoalFields {
        GoalFields {
            title: title.to_owned(),
            description: String::new(),
            priority: PRIORITY_DEFAULT,
            kind: GoalKind::Hard,
            mode: GoalMode::Achieve,
            refinement: Refinement::And,
            preconditions: Vec::new(),
            postconditions: Vec::new(),
            effects: Vec::new(),
            metrics: Vec::new(),
        }
    }
}

/// A contribution link from a soft goal to another goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Contribution {
    pub to: String,
    pub kind: ContributionKind,
}

/// A goal with everything that hangs off it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Goal {
    pub key: String,
    #[serde(flatten)]
    pub fields: GoalFields,
    pub status: GoalStatus,
    pub parent: Option<String>,
    /// Goals that must be achieved first, by key.
    pub depends_on: Vec<String>,
    /// Contributions from this (soft) goal to others.
    pub contributions: Vec<Contribution>,
}

/// One row of the goal tree: what a tree view or the goal graph needs, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalNode {
    pub key: String,
    pub title: String,
    pub parent: Option<String>,
    pub priority: u8,
    pub kind: GoalKind,
    pub status: GoalStatus,
}

/// What deleting a goal takes with it, for a confirmation before the deletion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalDeletion {
    /// The goal and all its descendants, which are deleted.
    pub goals: Vec<String>,
    /// Plans of those goals, deleted with their steps and edges.
    pub plans: Vec<String>,
    /// Tasks that keep existing but lose their link to a deleted goal or plan step.
    pub detached_tasks: Vec<String>,
    /// Dependency and contribution links that are removed.
    pub links: usize,
    /// Methods of those goals, deleted with their subtasks.
    #[serde(default)]
    pub methods: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::GoalStatus::{self, *};

    #[test]
    fn final_statuses_go_nowhere() {
        for to in GoalStatus::ALL {
            assert!(!Achieved.can_become(*to));
            assert!(!Abandoned.can_become(*to));
        }
    }

    #[test]
    fn the_life_cycle() {
        let path = [Pending, Active, InProgress, Failed, Active, InProgress, Suspended, Active, InProgress, Achieved];
        for pair in path.windows(2) {
            assert!(pair[0].can_become(pair[1]), "{} -> {}", pair[0], pair[1]);
        }
        assert!(!Pending.can_become(InProgress));
        assert!(!Pending.can_become(Achieved));
        assert!(!Active.can_become(Achieved));
    }
}
