import { useEffect, useState } from "react";
import { asCommandError, type CommandError } from "../api";

/** Loads with `load` whenever `deps` change (the workspace seq among them). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: CommandError | null } {
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
  }, deps);
  return state;
}
