import { api } from "../api";
import { conditionText, valueText } from "../lib/reasons";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** Goals whose effects fail another goal's (or their own) postconditions. */
export function GoalConflicts() {
  const conflicts = useLoad(() => api.goalConflicts(), [], READS.goal_conflicts);
  const list = conflicts.data ?? [];
  return (
    <div className="watch-card" data-testid="goal-conflicts">
      <h3>
        Goal conflicts <span className="count">{list.length}</span>
      </h3>
      {list.length === 0 ? (
        <p className="muted small">No goal's effects undo another goal's postconditions.</p>
      ) : (
        <ul className="rows-list">
          {list.map((c, i) => (
            <li key={i}>
              <span className="key-chip">{c.goal}</span>
              <span className="small">
                sets <code>{c.fact} := {valueText(c.value)}</code>, which fails {c.other === c.goal ? "its own" : <span className="key-chip">{c.other}</span>}{" "}
                postcondition <code>{conditionText(c.condition)}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      {conflicts.error && <p className="field-error">{conflicts.error.message}</p>}
    </div>
  );
}
