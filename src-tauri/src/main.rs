//! MABOS Planner, the desktop app: a Tauri 2 window over the `mabos-planner` core.
//! The window shows the React front end from ui/dist; everything it does goes through
//! the commands in `commands/`, which call the core on the store in `db`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod db;
mod error;
mod logging;
mod menu;

use commands::{actions, agents, assignment, execution, files, goals, images, layout, library, methods, planning, plans, search, synthesis, tasks, workspace};
use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_event(app, event.id().as_ref()))
        .setup(|app| {
            if let Ok(dir) = app.path().app_log_dir() {
                if let Some(guard) = logging::init(&dir) {
                    app.manage(guard);
                }
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "MABOS Planner starting");
            app.manage(db::Db::open(mabos_planner::paths::default_database_path()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            goals::goal_tree,
            goals::goal,
            goals::goal_template,
            goals::goal_next_statuses,
            goals::create_goal,
            goals::update_goal,
            goals::set_goal_status,
            goals::move_goal,
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
            plans::add_edge,
            plans::remove_edge,
            layout::goal_graph,
            layout::plan_graph,
            images::save_image,
            search::search,
            tasks::tasks,
            tasks::assign_task,
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
            files::save_bytes,
            files::new_database,
            files::open_database,
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
            synthesis::synthesize_plan,
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
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running MABOS Planner");
}
