//! The IPC commands. Each is thin: read its arguments, call one core function on the
//! blocking pool, map the error. Mutating commands go through [`Db::write`], which tells
//! the views what changed.
//!
//! The one list of commands is the `commands!` call below: it gives both the handler
//! `main` registers ([`handler`]) and the names (`NAMES`) that `scripts/gen-types.sh`
//! writes to `ui/src/generated/commands.ts`, the only names `ui/src/api.ts` accepts. A
//! command renamed here is therefore a TypeScript error there.
//!
//! [`Db::write`]: crate::db::Db::write

use crate::error::CommandError;

pub mod actions;
pub mod agents;
pub mod assignment;
pub mod broker;
pub mod execution;
pub mod files;
pub mod goals;
pub mod images;
pub mod layout;
pub mod library;
pub mod methods;
pub mod planning;
pub mod plans;
pub mod search;
pub mod synthesis;
pub mod tasks;
pub mod timeline;
pub mod workspace;

/// What every command answers: its value, or the error the UI shows.
pub type Reply<T> = Result<T, CommandError>;

/// Expands one list of `module::command` paths into [`handler`] (for
/// `tauri::Builder::invoke_handler`) and `NAMES` (for the TypeScript list), so that the
/// two cannot disagree.
macro_rules! commands {
    ($($module:ident :: $command:ident),+ $(,)?) => {
        /// Every command's name as the UI invokes it, in the order they are registered.
        /// Only the tests read it: they check it and write it out as `commands.ts`.
        #[cfg(test)]
        pub const NAMES: &[&str] = &[$(stringify!($command)),+];

        /// The IPC handler for every command in `NAMES` (on the app's runtime, Wry: the
        /// commands that emit events take its `AppHandle`).
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$command),+]
        }
    };
}

commands![
    goals::goal_tree,
    goals::goal,
    goals::goal_template,
    goals::goal_next_statuses,
    goals::create_goal,
    goals::update_goal,
    goals::set_goal_status,
    goals::move_goal,
    goals::edit_goals,
    goals::goal_deletion_preview,
    goals::delete_goal,
    goals::add_goal_dependency,
    goals::remove_goal_dependency,
    goals::set_goal_contribution,
    library::plans,
    library::plan,
    library::actions,
    library::agents,
    plans::plan_template,
    plans::create_plan,
    plans::update_plan,
    plans::delete_plan,
    plans::plan_next_statuses,
    plans::set_plan_status,
    plans::plan_totals,
    plans::add_step,
    plans::update_step,
    plans::remove_step,
    plans::remove_steps,
    plans::add_edge,
    plans::remove_edge,
    layout::goal_graph,
    layout::plan_graph,
    images::save_image,
    search::search,
    tasks::tasks,
    tasks::assign_task,
    tasks::assign_tasks,
    tasks::set_task_status,
    tasks::task_template,
    tasks::create_task,
    tasks::update_task,
    tasks::delete_task,
    tasks::task_status_moves,
    actions::action_template,
    actions::create_action,
    actions::update_action,
    actions::delete_action,
    agents::agent_template,
    agents::create_agent,
    agents::update_agent,
    agents::delete_agent,
    agents::capabilities,
    agents::create_capability,
    agents::rename_capability,
    agents::delete_capability,
    files::export_plan,
    files::export_workspace,
    files::import_file,
    files::import_pddl,
    files::export_tasks_csv,
    files::export_plan_report,
    files::import_tasks_csv,
    files::new_database,
    files::open_database,
    files::recent_databases,
    files::open_recent,
    workspace::undo,
    workspace::redo,
    workspace::can_undo,
    workspace::can_redo,
    workspace::integrity_report,
    workspace::workspace_is_empty,
    workspace::load_demo,
    workspace::database_path,
    planning::validate_plan,
    planning::critical_path,
    planning::goal_conflicts,
    timeline::plan_timeline,
    timeline::agent_lanes,
    synthesis::synthesize_plan,
    synthesis::cancel_synthesis,
    synthesis::create_synthesized_plan,
    methods::methods,
    methods::create_method,
    methods::update_method,
    methods::delete_method,
    methods::decompose_goal,
    methods::plan_from_decomposition,
    assignment::plan_assignment,
    assignment::apply_assignment,
    execution::start_plan,
    execution::complete_task,
    execution::repair_options,
    execution::apply_repair,
    execution::apply_replan,
    execution::world_state,
    execution::set_fact,
    execution::unset_fact,
    execution::plan_progress,
    execution::goal_progress,
    execution::monitor,
    broker::broker_status,
    broker::broker_connect,
    broker::broker_disconnect,
];

/// The TypeScript module `scripts/gen-types.sh` writes as `commands.ts`: [`NAMES`] as a
/// constant tuple and the union of its strings.
#[cfg(test)]
fn typescript() -> String {
    let mut ts = String::from(
        "// Written by scripts/gen-types.sh from the command list in src-tauri/src/commands/mod.rs. Do not edit.\n\n\
         /** Every IPC command the app registers, in registration order. */\n\
         export const COMMANDS = [\n",
    );
    for name in NAMES {
        ts.push_str(&format!("  \"{name}\",\n"));
    }
    ts.push_str("] as const;\n\n/** The name of a command the app registers: the only names `api.ts` may invoke. */\nexport type Command = (typeof COMMANDS)[number];\n");
    ts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// A name registered twice would make the second function unreachable from the UI.
    #[test]
    fn command_names_are_unique_and_plain() {
        let mut seen = HashSet::new();
        for name in NAMES {
            assert!(seen.insert(name), "{name} is registered twice");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{name} is not a snake_case name");
        }
    }

    #[test]
    fn typescript_lists_every_name_once() {
        let ts = typescript();
        for name in NAMES {
            assert_eq!(ts.matches(&format!("\"{name}\"")).count(), 1, "{name}");
        }
        assert!(ts.contains("export type Command = (typeof COMMANDS)[number];"));
    }

    /// Writes `commands.ts` next to the ts-rs bindings (`TS_RS_EXPORT_DIR`, set in
    /// .cargo/config.toml); run by `scripts/gen-types.sh` with the other `export_bindings`.
    #[cfg(feature = "ts")]
    #[test]
    fn export_bindings_commands() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").expect("TS_RS_EXPORT_DIR is set in .cargo/config.toml");
        // Cargo runs tests in the package's folder; the export folder is relative to the workspace root.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("commands.ts"), typescript()).unwrap();
    }
}
