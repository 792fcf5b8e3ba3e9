import { useEffect, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { AssignmentProposal } from "../generated/AssignmentProposal";
import { unassignedText } from "../lib/reasons";
import "./intelligence.css";
import { Modal } from "./Modal";

/**
 * The core's proposed assignment round as a preview: who gets which task and why (the
 * score term by term), what stays unassigned and why, the total. Apply writes it as one
 * undoable step; Cancel writes nothing.
 */
export function AutoAssignDialog({ onClose }: { onClose: () => void }) {
  const [proposal, setProposal] = useState<AssignmentProposal | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.planAssignment().then(setProposal, (e) => setError(asCommandError(e)));
  }, []);

  const apply = async () => {
    if (!proposal) return;
    setBusy(true);
    try {
      await api.applyAssignment(proposal);
      onClose();
    } catch (e) {
      // A stale proposal is refused whole: show why, and offer a fresh one.
      setError(asCommandError(e));
      setBusy(false);
    }
  };

  const refresh = () => {
    setError(null);
    setProposal(null);
    api.planAssignment().then(setProposal, (e) => setError(asCommandError(e)));
  };

  return (
    <Modal titleId="assign-title" testId="assign-dialog" className="wide" onClose={onClose}>
      <h2 id="assign-title">Auto-assign tasks</h2>
      <p className="muted small">
        One round: each active agent gets at most one new task, the one that gives the highest total score. Run it again for the next round.
      </p>
      {!proposal && !error && <p className="muted">Working out the best round…</p>}
      {proposal && (
        <>
          {proposal.assignments.length === 0 ? (
            <p data-testid="assign-none">No open, unassigned task can go to an agent now.</p>
          ) : (
            <table className="table" data-testid="assign-preview">
              <thead>
                <tr>
                  <th>Task</th>
                  <th>Agent</th>
                  <th className="num">Score</th>
                  <th>Terms</th>
                  <th className="num">Load after</th>
                </tr>
              </thead>
              <tbody>
                {proposal.assignments.map((a) => (
                  <tr key={a.task} data-task={a.task}>
                    <td>
                      <span className="key-chip">{a.task}</span>
                    </td>
                    <td>
                      <span className="key-chip">{a.agent}</span>
                    </td>
                    <td className="num">
                      <strong>{a.score.total}</strong>
                    </td>
                    <td className="score-terms">
                      priority {a.score.priority} · urgency {a.score.urgency} · experience {a.score.experience} · spare capacity {a.score.spare_capacity}
                    </td>
                    <td className="num nowrap">
                      {a.workload + a.effort} / {a.capacity} h
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {proposal.unassigned.length > 0 && (
            <>
              <h3 style={{ marginTop: 14 }}>Stays unassigned</h3>
              <ul className="rows-list" data-testid="assign-unassigned">
                {proposal.unassigned.map((u) => (
                  <li key={u.task}>
                    <span className="key-chip">{u.task}</span>
                    <span className="small">{unassignedText(u.reason)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p data-testid="assign-total">
            Total score <strong>{proposal.total_score}</strong> · {proposal.assignments.length} assigned · {proposal.unassigned.length} left
          </p>
        </>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="assign-error">
          {error.message}{" "}
          {error.code === "stale_assignment" && (
            <button type="button" className="link" onClick={refresh}>
              Propose again
            </button>
          )}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" data-testid="assign-cancel" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="assign-apply"
          disabled={busy || !proposal || proposal.assignments.length === 0}
          onClick={apply}
        >
          Apply
        </button>
      </div>
    </Modal>
  );
}
