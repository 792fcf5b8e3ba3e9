import { useCallback } from "react";
import { api, asCommandError, chooseFileToOpen, chooseFileToSave, DATABASE_FILES, JSON_FILES, type CommandError } from "../api";

/**
 * The File menu's and the toolbar's file gestures: a native dialog for the path, then
 * the command. Export and import report through the file panel (their progress events);
 * other refusals go to `onProblem`.
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

  const newDatabase = () =>
    guard(async () => {
      const path = await chooseFileToSave("New database", "planner.db", DATABASE_FILES);
      if (path) await api.newDatabase(path);
    });

  const openDatabase = () =>
    guard(async () => {
      const path = await chooseFileToOpen("Open database", DATABASE_FILES);
      if (path) await api.openDatabase(path);
    });

  const importJson = () =>
    guard(async (inPanel) => {
      const path = await chooseFileToOpen("Import JSON", JSON_FILES);
      if (!path) return;
      inPanel();
      await api.importFile(path);
    });

  /** Exports plan `key`, or the whole workspace when `key` is null. */
  const exportTo = (key: string | null) =>
    guard(async (inPanel) => {
      const path = await chooseFileToSave(key ? `Export plan ${key}` : "Export workspace", `${key ?? "workspace"}.json`, JSON_FILES);
      if (!path) return;
      inPanel();
      await (key ? api.exportPlan(key, path) : api.exportWorkspace(path));
    });

  return { newDatabase, openDatabase, importJson, exportTo };
}
