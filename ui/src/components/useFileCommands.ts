import { useCallback } from "react";
import { api, asCommandError, type CommandError } from "../api";

/**
 * The File menu's and the toolbar's file gestures. Each command asks for its path in a
 * native dialog the shell runs (the page never names a path). Export and import report
 * through the file panel (their progress events); other refusals go to `onProblem`.
 */
export function useFileCommands(onProblem: (error: CommandError) => void) {
  // `inPanel`: the command reports its own failure in the file panel (export, import);
  // a failing dialog, or anything else, goes to onProblem.
  const guard = useCallback(
    async (work: (inPanel: () => void) => Promise<unknown>) => {
      let reported = false;
      try {
        await work(() => (reported = true));
      } catch (e) {
        if (!reported) onProblem(asCommandError(e));
      }
    },
    [onProblem],
  );

  const newDatabase = () => guard(() => api.newDatabase());

  const openDatabase = () => guard(() => api.openDatabase());

  // Once the dialog returned a file, the command's own progress events report the outcome;
  // a refusal before that (the dialog itself) is a problem for the toolbar.
  const importJson = () => guard((inPanel) => api.importFile().finally(inPanel));

  /** A PDDL domain and problem: two dialogs, then the same panel as a JSON import. */
  const importPddl = () => guard((inPanel) => api.importPddl().finally(inPanel));

  /** Every task as CSV, and a CSV file of tasks in (docs/csv.md). */
  const exportTasksCsv = () => guard((inPanel) => api.exportTasksCsv().finally(inPanel));
  const importTasksCsv = () => guard((inPanel) => api.importTasksCsv().finally(inPanel));

  /** Exports plan `key`, or the whole workspace when `key` is null. */
  const exportTo = (key: string | null) => guard((inPanel) => (key ? api.exportPlan(key) : api.exportWorkspace()).finally(inPanel));

  /** Plan `key` as one self-contained HTML report (docs/report.md). */
  const exportReport = (key: string) => guard((inPanel) => api.exportPlanReport(key).finally(inPanel));

  return { newDatabase, openDatabase, importJson, importPddl, exportTasksCsv, importTasksCsv, exportTo, exportReport };
}
