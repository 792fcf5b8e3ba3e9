import { useEffect, useState } from "react";
import { asCommandError, type CommandError } from "../api";
import { useTags, type Tag } from "../lib/invalidation";

/**
 * Loads with `load` when `deps` change and again whenever one of `reads` (the entities
 * its answer is read from, e.g. `READS.tasks`; see lib/invalidation.ts) is invalidated
 * by a change to the workspace.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], reads: readonly Tag[]): { data: T | null; error: CommandError | null } {
  const version = useTags(reads);
  const [state, setState] = useState<{ data: T | null; error: CommandError | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (e) => live && setState((s) => ({ data: s.data, error: asCommandError(e) })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  return state;
}
