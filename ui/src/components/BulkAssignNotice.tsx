import type { BulkNotice } from "../lib/bulk";

type Props = { notice: BulkNotice; onDismiss: () => void };

/**
 * What a drop of several cards did: how many moved, and each card that stayed, named
 * with the capability it needs, so the planner knows whom to give it instead.
 */
export function BulkAssignNotice({ notice, onDismiss }: Props) {
  const refused = notice.refused.length > 0;
  return (
    <div className={`banner ${refused ? "warning" : "info"} bulk-notice`} role={refused ? "alert" : "status"} data-testid="bulk-notice">
      <div className="bulk-notice-text">
        <strong>{notice.summary}</strong>
        {refused && (
          <ul className="bulk-refused">
            {notice.refused.map((r) => (
              <li key={r.task} data-testid={`bulk-refused-${r.task}`}>
                <span className="key-chip">{r.task}</span> {r.capability ? <>needs <strong>{r.capability}</strong>: </> : null}
                {r.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="link small" onClick={onDismiss} data-testid="bulk-notice-dismiss">
        Dismiss
      </button>
    </div>
  );
}
