import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import { conditionText } from "../lib/reasons";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** A failed task's repair options (substitute actions and a re-plan, cheapest first) with Apply. */
export function RepairOptions({ task }: { task: string }) {
  const proposal = useLoad(() => api.repairOptions(task), [task], READS.repair_options);
  const [error, setError] = useState<CommandError | null>(null);

  const apply = async (action: string | null) => {
    try {
      await (action === null ? api.applyReplan(task) : api.applyRepair(task, action));
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const p = proposal.data;
  const problem = error ?? proposal.error;
  return (
    <div className="why" data-testid={`repair-${task}`}>
      {p && (
        <>
          <span>
            {p.step.plan} {p.step.step}: {p.action} failed; a substitute must set{" "}
            {p.needed.map((e) => `${e.key} := ${String(e.value)}`).join(", ") || "nothing"}.
          </span>
          {p.options.length === 0 && <div>No substitute can be used now.</div>}
          <ul className="plain">
            {p.options.map((o, i) =>
              o.kind === "substitute" ? (
                <li key={o.action} className="inline">
                  <span className="key-chip">{o.action}</span> {o.name} · cost {o.cost} · {o.duration} h{i === 0 && " (cheapest)"}
                  <button type="button" data-testid={`repair-apply-${o.action}`} onClick={() => apply(o.action)}>
                    Apply
                  </button>
                </li>
              ) : (
                <li key={`resynthesize-${i}`} className="inline">
                  re-plan from the recorded facts: {o.actions.join(" → ")} · cost {o.cost}
                  {i === 0 && " (cheapest)"}
                  <button type="button" data-testid="repair-apply-replan" onClick={() => apply(null)}>
                    Apply
                  </button>
                </li>
              ),
            )}
          </ul>
          {p.unusable.map((u) => (
            <div key={u.action}>
              <span className="key-chip">{u.action}</span> would do, but needs {u.unmet_preconditions.map(conditionText).join(", ")}
            </div>
          ))}
        </>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem.message}
        </p>
      )}
    </div>
  );
}
