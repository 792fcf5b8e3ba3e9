//! The [`Store`]: the one handle on a planner database, and the only `impl Store`. Every
//! mutating method is one gesture (one transaction, one event in the log, one step of
//! undo) that runs a use case from `ops`; every read calls `ops` or `db` directly. The
//! exceptions are undo and redo, and the broker bridge's bookkeeping (the outbox cursor
//! and the work offers), which is not part of the workspace.

pub use crate::domain::{Event, Finding, HistoryEntry, IntegrityReport};
pub use crate::ops::methods::DecomposedPlan;
pub use crate::db::schema::APPLICATION_ID;
pub use crate::search::{SearchField, SearchHit, SearchRank};

use crate::assignment::AssignmentProposal;
use crate::domain::*;
use crate::execution::{GoalProgress, MonitorReport, PlanProgress, PlanStart, RepairApplied, RepairProposal, TaskCompletion};
use crate::export::{to_text, Document, ImportReport, TasksImportReport};
use crate::htn::{Decomposition, Method, MethodFields};
use crate::ops::history::Direction;
use crate::ops::{self, Change};
use crate::planning::{CriticalPath, GoalConflict, PlanValidation};
use crate::schedule::{AgentLanes, PlanTimeline};
use crate::synthesis::{SynthesisOptions, SynthesisProblem, SynthesisResult};
use crate::{db, Result};
use rusqlite::Connection;
use std::path::Path;
use time::OffsetDateTime;

/// A handle on one planner database.
pub struct Store {
    conn: Connection,
    author: Author,
}

impl Store {
    /// Opens (creating if needed) a planner database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store { conn: db::schema::open(path)?, author: Author::unknown() })
    }
    /// Opens an existing database read-only: no migration, no write; see docs/reliability.md.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Ok(Store { conn: db::schema::open_read_only(path)?, author: Author::unknown() })
    }
    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store { conn: db::schema::open_in_memory()?, author: Author::unknown() })
    }
    /// The underlying connection, for read-only queries and benchmarks.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
    /// Who makes the gestures from now on (until changed): events and undo steps carry it.
    pub fn set_author(&mut self, author: Author) {
        self.author = author;
    }
    /// Who makes the gestures now; [`Author::unknown`] until [`Store::set_author`].
    pub fn author(&self) -> &Author {
        &self.author
    }
    /// Runs `work` with `author` as the author of its gestures, then restores the previous one.
    pub fn as_author<T>(&mut self, author: Author, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let previous = std::mem::replace(&mut self.author, author);
        let result = work(self);
        self.author = previous;
        result
    }
    /// Runs `work` as one gesture by the store's author; see [`ops::history::gesture`].
    fn gesture<T>(&mut self, work: impl FnOnce(&Connection) -> Result<(T, Change)>) -> Result<T> {
        ops::history::gesture(&mut self.conn, &self.author, work)
    }
    /// Creates a pending goal under `parent` (a root when `None`); `key` is generated (`G-n`) when not given.
    pub fn create_goal(&mut self, key: Option<&str>, parent: Option<&str>, fields: &GoalFields) -> Result<Goal> {
        self.gesture(|tx| ops::goals::create(tx, key, parent, fields))
    }
    /// Replaces the editable fields of a goal (not its place, status or links).
    pub fn update_goal(&mut self, key: &str, fields: &GoalFields) -> Result<Goal> {
        self.gesture(|tx| ops::goals::update(tx, key, fields))
    }
    /// Moves a goal along its life cycle; see [`GoalStatus::can_become`].
    pub fn set_goal_status(&mut self, key: &str, status: GoalStatus) -> Result<Goal> {
        self.gesture(|tx| ops::goals::set_status(tx, key, status))
    }
    /// Reparents a goal (`None` makes it a root); refused when it would close a cycle.
    pub fn move_goal(&mut self, key: &str, parent: Option<&str>) -> Result<Goal> {
        self.gesture(|tx| ops::goals::move_to(tx, key, parent))
    }
    /// Sets a status, a priority and/or a parent on several goals in one gesture: all of
    /// them, or none with the first goal's error. Returns the keys edited, each once.
    pub fn edit_goals(&mut self, keys: &[String], edit: &GoalBulkEdit) -> Result<Vec<String>> {
        self.gesture(|tx| ops::bulk::edit_goals(tx, keys, edit))
    }
    /// Records that `goal` cannot start before `depends_on` is achieved; refused when it closes a cycle.
    pub fn add_goal_dependency(&mut self, goal: &str, depends_on: &str) -> Result<()> {
        self.gesture(|tx| ops::goals::add_dependency(tx, goal, depends_on))
    }
    /// Removes a dependency link (nothing happens when there is none).
    pub fn remove_goal_dependency(&mut self, goal: &str, depends_on: &str) -> Result<()> {
        self.gesture(|tx| ops::goals::remove_dependency(tx, goal, depends_on))
    }
    /// Sets (or with `None` removes) how the soft goal `from` contributes to `to`.
    pub fn set_goal_contribution(&mut self, from: &str, to: &str, kind: Option<ContributionKind>) -> Result<()> {
        self.gesture(|tx| ops::goals::set_contribution(tx, from, to, kind))
    }
    /// What [`Store::delete_goal`] would remove or detach, without changing anything.
    pub fn goal_deletion_preview(&self, key: &str) -> Result<GoalDeletion> {
        ops::goals::deletion_preview(&self.conn, key)
    }
    /// Deletes a goal with its subtree, their links, plans and methods; tasks are detached.
    pub fn delete_goal(&mut self, key: &str) -> Result<GoalDeletion> {
        self.gesture(|tx| ops::goals::delete(tx, key))
    }
    /// A goal with its metrics, dependencies and contributions.
    pub fn goal(&self, key: &str) -> Result<Goal> {
        db::goals::load(&self.conn, key)
    }
    /// Every goal as a tree row, depth first (each goal followed by its subtree).
    pub fn goal_tree(&self) -> Result<Vec<GoalNode>> {
        ops::goals::tree(&self.conn)
    }
    /// A goal and all its descendants, breadth first (by depth, then creation).
    pub fn goal_subtree(&self, key: &str) -> Result<Vec<GoalNode>> {
        ops::goals::subtree(&self.conn, key)
    }
    /// Goals with `status`, most important first.
    pub fn goals_by_status(&self, status: GoalStatus) -> Result<Vec<GoalNode>> {
        db::goals::load_nodes_by_status(&self.conn, status)
    }
    /// Every dependency link as (goal, depends_on), for the goal graph.
    pub fn goal_dependencies(&self) -> Result<Vec<(String, String)>> {
        db::goals::load_dependency_keys(&self.conn)
    }
    /// Adds an action to the library; `key` is generated (`A-n`) when not given.
    pub fn create_action(&mut self, key: Option<&str>, fields: &ActionFields) -> Result<Action> {
        self.gesture(|tx| ops::actions::create(tx, key, fields))
    }
    /// Replaces an action's fields; refused when an assignee would stop qualifying.
    pub fn update_action(&mut self, key: &str, fields: &ActionFields) -> Result<Action> {
        self.gesture(|tx| ops::actions::update(tx, key, fields))
    }
    /// Refused while any plan step or method subtask uses the action.
    pub fn delete_action(&mut self, key: &str) -> Result<()> {
        self.gesture(|tx| ops::actions::delete(tx, key))
    }
    /// One action with what it requires.
    pub fn action(&self, key: &str) -> Result<Action> {
        db::actions::load(&self.conn, key)
    }
    /// The whole action library, by key.
    pub fn actions(&self) -> Result<Vec<Action>> {
        db::actions::load_all(&self.conn)
    }
    /// Every capability with how many agents hold it and how many actions need it.
    pub fn capabilities(&self) -> Result<Vec<Capability>> {
        db::capabilities::load_all(&self.conn)
    }
    /// Adds a capability by name.
    pub fn create_capability(&mut self, name: &str) -> Result<()> {
        self.gesture(|tx| ops::capabilities::create(tx, name))
    }
    /// Renames a capability everywhere.
    pub fn rename_capability(&mut self, name: &str, new_name: &str) -> Result<()> {
        self.gesture(|tx| ops::capabilities::rename(tx, name, new_name))
    }
    /// Refused while any agent holds the capability or any action requires it.
    pub fn delete_capability(&mut self, name: &str) -> Result<()> {
        self.gesture(|tx| ops::capabilities::delete(tx, name))
    }
    /// Adds an agent; `key` is generated (`AG-n`) when not given.
    pub fn create_agent(&mut self, key: Option<&str>, fields: &AgentFields) -> Result<Agent> {
        self.gesture(|tx| ops::agents::create(tx, key, fields))
    }
    /// Replaces an agent's fields; refused when it would stop qualifying for a task it holds.
    pub fn update_agent(&mut self, key: &str, fields: &AgentFields) -> Result<Agent> {
        self.gesture(|tx| ops::agents::update(tx, key, fields))
    }
    /// Deletes an agent; returns the tasks it held, now unassigned.
    pub fn delete_agent(&mut self, key: &str) -> Result<Vec<String>> {
        self.gesture(|tx| ops::agents::delete(tx, key))
    }
    /// One agent with its capabilities and workload.
    pub fn agent(&self, key: &str) -> Result<Agent> {
        db::agents::load(&self.conn, key)
    }
    /// Every agent with its workload, by key.
    pub fn agents(&self) -> Result<Vec<Agent>> {
        db::agents::load_all(&self.conn)
    }
    /// Creates a draft plan for `goal`; `key` is generated (`P-n`) when not given.
    pub fn create_plan(&mut self, key: Option<&str>, goal: &str, fields: &PlanFields) -> Result<Plan> {
        self.gesture(|tx| ops::plans::create(tx, key, goal, fields))
    }
    /// Replaces a plan's fields.
    pub fn update_plan(&mut self, key: &str, fields: &PlanFields) -> Result<Plan> {
        self.gesture(|tx| ops::plans::update(tx, key, fields))
    }
    /// Moves a plan along its life cycle.
    pub fn set_plan_status(&mut self, key: &str, status: PlanStatus) -> Result<Plan> {
        self.gesture(|tx| ops::plans::set_status(tx, key, status))
    }
    /// Deletes a plan with its steps and edges; tasks made from its steps are kept, detached.
    pub fn delete_plan(&mut self, key: &str) -> Result<()> {
        self.gesture(|tx| ops::plans::delete(tx, key))
    }
    /// Adds a step using `action`; the step key (`S1`, `S2`, ...) is generated when not given.
    pub fn add_step(&mut self, plan: &str, key: Option<&str>, action: &str, note: &str) -> Result<Step> {
        self.gesture(|tx| ops::plans::add_step(tx, plan, key, action, note))
    }
    /// Changes the action or note of a step.
    pub fn update_step(&mut self, plan: &str, step: &str, action: &str, note: &str) -> Result<Step> {
        self.gesture(|tx| ops::plans::update_step(tx, plan, step, action, note))
    }
    /// Removes a step with its edges; tasks made from it are kept, detached.
    pub fn remove_step(&mut self, plan: &str, step: &str) -> Result<()> {
        self.gesture(|tx| ops::plans::remove_step(tx, plan, step))
    }
    /// Removes several steps of a plan in one gesture, each as [`Store::remove_step`]
    /// does; none when one key names no step. Returns the keys removed, each once.
    pub fn remove_steps(&mut self, plan: &str, steps: &[String]) -> Result<Vec<String>> {
        self.gesture(|tx| ops::bulk::remove_steps(tx, plan, steps))
    }
    /// Says that `before` must finish before `after` starts; refused when it closes a cycle.
    pub fn add_edge(&mut self, plan: &str, before: &str, after: &str) -> Result<()> {
        self.gesture(|tx| ops::plans::add_edge(tx, plan, before, after))
    }
    /// Removes a precedence edge.
    pub fn remove_edge(&mut self, plan: &str, before: &str, after: &str) -> Result<()> {
        self.gesture(|tx| ops::plans::remove_edge(tx, plan, before, after))
    }
    /// A plan with its steps and edges.
    pub fn plan(&self, key: &str) -> Result<Plan> {
        db::plans::load(&self.conn, key)
    }
    /// The plans of one goal, or of every goal when `goal` is `None`, by key.
    pub fn plans(&self, goal: Option<&str>) -> Result<Vec<PlanSummary>> {
        ops::plans::summaries(&self.conn, goal)
    }
    /// A plan's step count, total cost, and duration along its longest path.
    pub fn plan_totals(&self, plan: &str) -> Result<PlanTotals> {
        ops::plans::totals(&self.conn, plan)
    }
    /// Creates a task in `todo`, unassigned.
    pub fn create_task(&mut self, key: Option<&str>, fields: &TaskFields) -> Result<Task> {
        self.gesture(|tx| ops::tasks::create(tx, key, fields))
    }
    /// Replaces a task's own fields (not its status, assignee or dependencies).
    pub fn update_task(&mut self, key: &str, fields: &TaskFields) -> Result<Task> {
        self.gesture(|tx| ops::tasks::update(tx, key, fields))
    }
    /// Moves a task to `status`; finishing one made from a step runs plan execution.
    pub fn set_task_status(&mut self, key: &str, status: TaskStatus) -> Result<Task> {
        self.gesture(|tx| ops::tasks::set_status(tx, key, status))
    }
    /// Assigns a task to `agent` (or unassigns it); refused for an inactive or incapable agent.
    pub fn assign_task(&mut self, key: &str, agent: Option<&str>) -> Result<Task> {
        self.gesture(|tx| ops::tasks::assign(tx, key, agent))
    }
    /// Assigns several tasks to `agent` (unassigns them with `None`) in one gesture: those
    /// the agent may hold go to it, each other one stays as it was and is reported with
    /// its reason (the capability it lacks); refused, changing nothing, when none can go.
    pub fn assign_tasks(&mut self, keys: &[String], agent: Option<&str>) -> Result<BulkAssignment> {
        self.gesture(|tx| ops::bulk::assign(tx, keys, agent))
    }
    /// Records that `task` cannot start before `depends_on` is done; refused when it closes a cycle.
    pub fn add_task_dependency(&mut self, task: &str, depends_on: &str) -> Result<()> {
        self.gesture(|tx| ops::tasks::add_dependency(tx, task, depends_on))
    }
    /// Removes a task dependency.
    pub fn remove_task_dependency(&mut self, task: &str, depends_on: &str) -> Result<()> {
        self.gesture(|tx| ops::tasks::remove_dependency(tx, task, depends_on))
    }
    /// Deletes a task and its dependency links in both directions.
    pub fn delete_task(&mut self, key: &str) -> Result<()> {
        self.gesture(|tx| ops::tasks::delete(tx, key))
    }
    /// One task with its dependencies and requirements.
    pub fn task(&self, key: &str) -> Result<Task> {
        ops::tasks::load(&self.conn, key)
    }
    /// Tasks matching `filter`, most important first, then by key.
    pub fn tasks(&self, filter: &TaskFilter) -> Result<Vec<Task>> {
        ops::tasks::load_filtered(&self.conn, filter)
    }
    /// The tasks one agent holds, with the agent and its workload: a column of the board.
    pub fn agent_tasks(&self, agent: &str) -> Result<(Agent, Vec<Task>)> {
        ops::tasks::agent_column(&self.conn, agent)
    }
    /// Starts a draft plan: its steps become tasks, its goal goes in progress.
    pub fn start_plan(&mut self, key: &str) -> Result<PlanStart> {
        self.gesture(|tx| ops::execution::start_plan(tx, key))
    }
    /// Marks a task done and reports what followed (effects, ready tasks, plan completion).
    pub fn complete_task(&mut self, key: &str) -> Result<TaskCompletion> {
        self.gesture(|tx| ops::execution::complete_task(tx, key))
    }
    /// The repair options of a failed task, cheapest first.
    pub fn repair_options(&self, task: &str) -> Result<RepairProposal> {
        ops::repair::options(&self.conn, task)
    }
    /// Repairs a failed task with `action` (or the cheapest option); a fresh task replaces it.
    pub fn apply_repair(&mut self, task: &str, action: Option<&str>) -> Result<RepairApplied> {
        self.gesture(|tx| ops::repair::apply(tx, task, action))
    }
    /// Repairs a failed task with the re-plan (a synthesised sequence of actions).
    pub fn apply_replan(&mut self, task: &str) -> Result<RepairApplied> {
        self.gesture(|tx| ops::repair::apply_replan(tx, task))
    }
    /// Every recorded fact, in key order.
    pub fn world_state(&self) -> Result<WorldState> {
        db::world::load(&self.conn)
    }
    /// Records `key = value`, replacing any earlier value; returns the earlier value.
    pub fn set_fact(&mut self, key: &str, value: Value) -> Result<Option<Value>> {
        self.gesture(|tx| ops::world::set(tx, key, value))
    }
    /// Forgets a fact; returns its last value.
    pub fn unset_fact(&mut self, key: &str) -> Result<Value> {
        self.gesture(|tx| ops::world::unset(tx, key))
    }
    /// One plan's progress over its current tasks.
    pub fn plan_progress(&self, key: &str) -> Result<PlanProgress> {
        ops::progress::of_plan(&self.conn, key)
    }
    /// The progress of every goal, rolled up the tree (docs/execution.md).
    pub fn goal_progress(&self) -> Result<Vec<GoalProgress>> {
        ops::progress::of_goals(&self.conn)
    }
    /// What needs attention at `now` (RFC 3339).
    pub fn monitor(&self, now: &str) -> Result<MonitorReport> {
        ops::monitor::report(&self.conn, now)
    }
    /// Validates plan `key` from `start_state` with execution starting at `start` (default: now).
    pub fn validate_plan(&self, key: &str, start_state: Option<&WorldState>, start: Option<OffsetDateTime>) -> Result<PlanValidation> {
        ops::planning::validate_plan(&self.conn, key, start_state, start)
    }
    /// Earliest and latest times, slack and the critical steps of plan `key`.
    pub fn critical_path(&self, key: &str) -> Result<CriticalPath> {
        ops::planning::critical_path(&self.conn, key)
    }
    /// Every goal whose effects fail another goal's (or its own) postcondition.
    pub fn goal_conflicts(&self) -> Result<Vec<GoalConflict>> {
        ops::planning::goal_conflicts(&self.conn)
    }
    /// Searches for a plan for `goal` (its postconditions are the target); writes nothing.
    pub fn synthesize_plan(&self, goal: &str, options: &SynthesisOptions) -> Result<SynthesisResult> {
        ops::synthesis::search(&self.conn, goal, options)
    }
    /// A plan's Gantt chart as of `now`: planned bars from the critical path, what its
    /// tasks did, where the rest is expected to run (docs/timeline.md).
    pub fn plan_timeline(&self, key: &str, now: OffsetDateTime) -> Result<PlanTimeline> {
        ops::timeline::plan(&self.conn, key, now)
    }
    /// Every active agent's tasks over time as of `now`, one task at a time, with
    /// overload and the tasks that cannot be scheduled (docs/timeline.md).
    pub fn agent_lanes(&self, now: OffsetDateTime) -> Result<AgentLanes> {
        ops::timeline::lanes(&self.conn, now)
    }
    /// What [`Store::synthesize_plan`] would search, read without searching: run
    /// [`crate::synthesis::synthesize_watched`] on it to search without holding the store.
    pub fn synthesis_problem(&self, goal: &str, options: &SynthesisOptions) -> Result<SynthesisProblem> {
        ops::synthesis::problem(&self.conn, goal, options)
    }
    /// Saves a found plan for `goal` as a draft plan; refused when the result has no plan.
    pub fn create_synthesized_plan(&mut self, goal: &str, result: &SynthesisResult) -> Result<Plan> {
        self.gesture(|tx| ops::synthesis::save(tx, goal, result))
    }
    /// Adds an HTN method to `goal`; `key` is generated (`M-n`) when not given.
    pub fn create_method(&mut self, key: Option<&str>, goal: &str, fields: &MethodFields) -> Result<Method> {
        self.gesture(|tx| ops::methods::create(tx, key, goal, fields))
    }
    /// Replaces a method's fields and subtasks (not its goal).
    pub fn update_method(&mut self, key: &str, fields: &MethodFields) -> Result<Method> {
        self.gesture(|tx| ops::methods::update(tx, key, fields))
    }
    /// Deletes a method with its subtasks.
    pub fn delete_method(&mut self, key: &str) -> Result<()> {
        self.gesture(|tx| ops::methods::delete(tx, key))
    }
    /// One method with its subtasks.
    pub fn method(&self, key: &str) -> Result<Method> {
        db::methods::load(&self.conn, key)
    }
    /// The methods of one goal, or of every goal when `goal` is `None`, by key.
    pub fn methods(&self, goal: Option<&str>) -> Result<Vec<Method>> {
        ops::methods::load_all(&self.conn, goal)
    }
    /// Decomposes `goal` from `state` with the stored methods and actions; writes nothing.
    pub fn decompose_goal(&self, goal: &str, state: &WorldState) -> Result<Decomposition> {
        ops::methods::decompose_goal(&self.conn, goal, state)
    }
    /// Decomposes `goal` and saves the result as a new draft plan.
    pub fn plan_from_decomposition(&mut self, goal: &str, state: &WorldState, key: Option<&str>) -> Result<DecomposedPlan> {
        self.gesture(|tx| ops::methods::plan_from_decomposition(tx, goal, state, key))
    }
    /// The best assignment round for the workspace as it is now; writes nothing.
    pub fn plan_assignment(&self) -> Result<AssignmentProposal> {
        self.plan_assignment_at(OffsetDateTime::now_utc())
    }
    /// [`Store::plan_assignment`] with deadline urgency measured at `now`.
    pub fn plan_assignment_at(&self, now: OffsetDateTime) -> Result<AssignmentProposal> {
        ops::assignment::plan(&self.conn, now)
    }
    /// Applies an assignment round; refused whole when any pair is no longer valid.
    pub fn apply_assignment(&mut self, proposal: &AssignmentProposal) -> Result<Vec<Task>> {
        self.gesture(|tx| ops::assignment::apply(tx, proposal))
    }
    /// The plan with `key` as a self-contained file (docs/json-export.md).
    pub fn export_plan(&self, key: &str) -> Result<String> {
        Ok(to_text(&ops::export::plan(&self.conn, key)?))
    }
    /// Plan `key` as one self-contained HTML report at time `now` (docs/report.md): its
    /// verdict, totals, graph and timeline, steps and tasks with their agents.
    pub fn plan_report_html(&self, key: &str, now: OffsetDateTime) -> Result<String> {
        ops::plan_report::plan_html(&self.conn, key, now)
    }
    /// The whole workspace: everything but the event log and the undo history.
    pub fn export_workspace(&self) -> Result<String> {
        Ok(to_text(&ops::export::workspace(&self.conn)?))
    }
    /// Imports a plan or workspace file, checked whole first; on any refusal nothing is written.
    pub fn import(&mut self, json: &str) -> Result<ImportReport> {
        let checked = ops::import::check_text(json)?;
        self.gesture(|tx| ops::import::apply(tx, checked))
    }
    /// Imports a document already parsed (or built in code), as [`Store::import`] does.
    pub fn import_document(&mut self, doc: Document) -> Result<ImportReport> {
        let checked = ops::import::check(doc)?;
        self.gesture(|tx| ops::import::apply(tx, checked))
    }
    /// The tasks `filter` selects (every task with `TaskFilter::default()`) as CSV, by key,
    /// with the columns of docs/csv.md: the same tasks give the same bytes.
    pub fn export_tasks_csv(&self, filter: &TaskFilter) -> Result<String> {
        ops::tasks_csv::export(&self.conn, filter)
    }
    /// Imports tasks from CSV text (docs/csv.md) as one gesture, checked whole first: a
    /// refusal lists every problem by row and column (`/rows/3/priority`) as
    /// [`Error::Import`](crate::Error::Import) or
    /// [`Error::ImportProblems`](crate::Error::ImportProblems), and writes nothing. A key
    /// the database holds already is refused, as [`Store::import`] refuses it.
    pub fn import_tasks_csv(&mut self, text: &str) -> Result<TasksImportReport> {
        let checked = ops::tasks_csv::check_text(text)?;
        self.gesture(|tx| ops::tasks_csv::apply(tx, checked))
    }
    /// Goals, actions, agents and tasks matching `text`, best first (docs/search.md).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        ops::search::search(&self.conn, text, limit)
    }
    /// Re-checks every rule from the rows.
    pub fn integrity_report(&self) -> Result<IntegrityReport> {
        ops::integrity::report(&self.conn)
    }
    /// Reverts the author's newest gesture not undone; refused when another author changed its rows since.
    pub fn undo(&mut self) -> Result<HistoryEntry> {
        ops::history::travel(&mut self.conn, &self.author, Direction::Undo)
    }
    /// Re-applies the author's last undone gesture. The author's next new gesture clears what it could redo.
    pub fn redo(&mut self) -> Result<HistoryEntry> {
        ops::history::travel(&mut self.conn, &self.author, Direction::Redo)
    }
    /// Whether the author has a gesture to undo.
    pub fn can_undo(&self) -> Result<bool> {
        db::history::any(&self.conn, self.author.as_str(), false)
    }
    /// Whether the author has a gesture to redo.
    pub fn can_redo(&self) -> Result<bool> {
        db::history::any(&self.conn, self.author.as_str(), true)
    }
    /// Applies an agent's report as one gesture whose author is the agent (so the
    /// operator's undo never reverts it), recording its id with it. Refused, with nothing
    /// written, for an unknown agent or task, an agent that is not the assignee
    /// ([`Error::NotAssignee`]), a move the life cycle forbids, and a report whose id was
    /// applied already ([`Error::ReportAlreadyApplied`]); [`Error::report_field`] names
    /// the report's field at fault.
    pub fn apply_agent_report(&mut self, report: &AgentReport) -> Result<ReportApplied> {
        ops::reports::apply(&mut self.conn, report)
    }
    /// The workspace id: a UUID made once per database, kept in it.
    pub fn workspace_id(&self) -> Result<String> {
        ops::bridge::workspace_id(&self.conn)
    }
    /// The events `stream` has not acknowledged yet and the agent reports applied.
    pub fn bridge_backlog(&self, stream: &str) -> Result<BridgeBacklog> {
        ops::bridge::backlog(&self.conn, stream)
    }
    /// The newest event sequence number the broker stream `stream` acknowledged, 0 before any.
    pub fn outbox_cursor(&self, stream: &str) -> Result<i64> {
        ops::bridge::outbox_cursor(&self.conn, stream)
    }
    /// Records that `stream` acknowledged every event up to `seq` (never moves back).
    /// Bookkeeping, not a gesture: no event, no undo step.
    pub fn set_outbox_cursor(&mut self, stream: &str, seq: i64) -> Result<()> {
        ops::bridge::set_outbox_cursor(&self.conn, stream, seq)
    }
    /// The work offers in force, as (task, agent), by task.
    pub fn work_offers(&self) -> Result<Vec<(String, String)>> {
        ops::bridge::offers(&self.conn)
    }
    /// Every task to do that has an assignee, and every task offered now, by key, with its
    /// status, assignee and whether it waits on a dependency: what the work offers are
    /// compared with, in one query.
    pub fn work_readiness(&self) -> Result<Vec<TaskReadiness>> {
        ops::bridge::readiness(&self.conn)
    }
    /// Records that `task` is offered to `agent`, or with `None` that it no longer is.
    /// Bookkeeping, not a gesture: no event, no undo step.
    pub fn set_work_offer(&mut self, task: &str, agent: Option<&str>) -> Result<()> {
        ops::bridge::set_offer(&self.conn, task, agent)
    }
    /// Events after `since` (exclusive), oldest first, at most `limit`.
    pub fn events(&self, since: i64, limit: u32) -> Result<Vec<Event>> {
        db::events::load_since(&self.conn, since, limit)
    }
    /// The sequence number of the newest event, 0 when the log is empty.
    pub fn last_event_seq(&self) -> Result<i64> {
        db::events::last_seq(&self.conn)
    }
    /// SQLite's `PRAGMA data_version` on this store's connection: it changes when another
    /// connection (another process, another store) commits, and never for this store's own
    /// commits. A window polls it to notice the CLI's and the agents' writes.
    pub fn data_version(&self) -> Result<i64> {
        db::events::data_version(&self.conn)
    }
}
