import { useState } from "react";
import type { PlanSummary } from "../generated/PlanSummary";
import { Modal } from "./Modal";

export const WHOLE_WORKSPACE = "";

/** JSON: a plan or the whole workspace (docs/json-export.md); HTML: one plan's report (docs/report.md). */
export type ExportFormat = "json" | "html";

type Props = {
  plans: PlanSummary[];
  /** A plan key, or WHOLE_WORKSPACE (JSON only). */
  initial: string;
  format: ExportFormat;
  onChoose: (what: string) => void;
  onCancel: () => void;
};

/** What to export: the whole workspace or one plan. The file is chosen next, natively. */
export function ExportDialog({ plans, initial, format, onChoose, onCancel }: Props) {
  const html = format === "html";
  const [what, setWhat] = useState(html && initial === WHOLE_WORKSPACE ? (plans[0]?.key ?? "") : initial);
  return (
    <Modal titleId="export-heading" testId="export-dialog" onClose={onCancel} closeOnBackdrop>
      <h2 id="export-heading">{html ? "Export HTML report" : "Export to JSON"}</h2>
      <p className="muted small">
        {html
          ? "One file anyone can open in a browser, without the planner: the plan's verdict, totals, graph, timeline, steps and tasks with their agents."
          : "The file is deterministic: the same workspace always gives the same bytes (apart from its export time)."}
      </p>
      <div className="field">
        <label htmlFor="export-what">{html ? "Plan" : "What"}</label>
        <select id="export-what" value={what} data-testid="export-what" onChange={(e) => setWhat(e.target.value)}>
          {!html && <option value={WHOLE_WORKSPACE}>The whole workspace</option>}
          {plans.map((p) => (
            <option key={p.key} value={p.key}>
              Plan {p.key} · {p.title}
              {html ? "" : " (with its goals, actions, tasks and agents)"}
            </option>
          ))}
        </select>
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" data-testid="export-choose-file" disabled={html && !what} onClick={() => onChoose(what)}>
          Choose file…
        </button>
      </div>
    </Modal>
  );
}
