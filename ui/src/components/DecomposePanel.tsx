import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { DecompositionReport } from "../generated/DecompositionReport";
import { DecompositionTree, FailureTree } from "./DecompositionTree";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** Decomposes the goal with its HTN methods, shows the tree of choices, saves it as a plan. */
export function DecomposePanel({ goal }: { goal: string }) {
  const actions = useLoad(() => api.actions(), [], READS.actions);
  const [fromWorld, setFromWorld] = useState(false);
  const [report, setReport] = useState<DecompositionReport | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [saved, setSaved] = useState("");

  const state = async () => (fromWorld ? await api.worldState() : null);

  const run = async () => {
    setSaved("");
    try {
      setReport(await api.decomposeGoal(goal, await state()));
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const save = async () => {
    try {
      const made = await api.planFromDecomposition(goal, await state());
      setSaved(`Saved as draft plan ${made.plan.key}.`);
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const actionName = (key: string) => actions.data?.find((a) => a.key === key)?.name ?? key;
  return (
    <section data-testid="decompose-panel" aria-label="Decompose with HTN methods">
      <div className="options">
        <label className="check">
          <input type="checkbox" checked={fromWorld} data-testid="decompose-from-world" onChange={(e) => setFromWorld(e.target.checked)} />
          Start from the recorded world state (else from nothing known)
        </label>
        <button type="button" className="primary" data-testid="decompose-run" onClick={run}>
          Decompose
        </button>
      </div>
      {report?.kind === "decomposed" && (
        <div className="result" data-testid="decompose-result">
          <strong>{report.decomposition.actions.length} actions</strong>
          <ul className="decomp-tree root">
            <DecompositionTree node={report.decomposition.tree} actionName={actionName} />
          </ul>
          <div className="inline">
            <button type="button" data-testid="decompose-save" onClick={save}>
              Save as plan
            </button>
            <span className="muted small" role="status" data-testid="decompose-saved">
              {saved}
            </span>
          </div>
        </div>
      )}
      {report?.kind === "not_decomposable" && (
        <div className="result none" data-testid="decompose-failure">
          <ul className="decomp-tree root">
            <FailureTree failure={report.failure} />
          </ul>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="decompose-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
