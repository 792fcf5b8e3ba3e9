import { useState } from "react";
import type { PlanSummary } from "../generated/PlanSummary";

export const WHOLE_WORKSPACE = "";

type Props = {
  plans: PlanSummary[];
  /** A plan key, or WHOLE_WORKSPACE. */
  initial: string;
  onChoose: (what: string) => void;
  onCancel: () => void;
};

/** What to export: the whole workspace or one plan. The file is chosen next, natively. */
export function ExportDialog({ plans, initial, onChoose, onCancel }: Props) {
  const [what, setWhat] = useState(initial);
  return (
    <div className="modal-backdrop" role="presentation" onClick={onCancel}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="export-heading" data-testid="export-dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="export-heading">Export to JSON</h2>
        <p className="muted small">The file is deterministic: the same workspace always gives the same bytes (apart from its export time).</p>
        <div className="field">
          <label htmlFor="export-what">What</label>
          <select id="export-what" value={what} data-testid="export-what" onChange={(e) => setWhat(e.target.value)}>
            <option value={WHOLE_WORKSPACE}>The whole workspace</option>
            {plans.map((p) => (
              <option key={p.key} value={p.key}>
                Plan {p.key} · {p.title} (with its goals, actions, tasks and agents)
              </option>
            ))}
          </select>
        </div>
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="export-choose-file" onClick={() => onChoose(what)}>
            Choose file…
          </button>
        </div>
      </div>
    </div>
  );
}
