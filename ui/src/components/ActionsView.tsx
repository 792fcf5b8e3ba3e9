import { useState } from "react";
import { api } from "../api";
import { useJumpTarget } from "../lib/focus";
import { ActionEditor } from "./ActionEditor";
import { Chip } from "./Badges";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** The action library: the list, and a form for the selected or a new action. */
export function ActionsView() {
  const actions = useLoad(() => api.actions(), [], READS.actions);
  const capabilities = useLoad(() => api.capabilities(), [], READS.capabilities);
  // An action's key, "" for a new one, null for none chosen.
  const [selected, setSelected] = useState<string | null>(null);
  useJumpTarget("action", setSelected);
  const action = actions.data?.find((a) => a.key === selected) ?? null;
  const showEditor = selected === "" || action !== null;

  return (
    <div className="catalog">
      <section className="catalog-list" aria-labelledby="actions-heading">
        <div className="pane-toolbar">
          <h2 id="actions-heading">Action library</h2>
          <div className="spacer" />
          <button type="button" className="primary" data-testid="new-action" onClick={() => setSelected("")}>
            New action
          </button>
        </div>
        {actions.data?.length === 0 && <p className="muted pad">No actions yet.</p>}
        <ul className="plain" data-testid="action-list">
          {actions.data?.map((a) => (
            <li key={a.key}>
              <button type="button" className="list-item" aria-current={a.key === selected} data-testid={`action-${a.key}`} onClick={() => setSelected(a.key)}>
                <span className="list-title">{a.name}</span>
                <span className="list-meta">
                  <span className="key-chip">{a.key}</span>
                  <span className="muted small">
                    {a.cost} · {a.duration} h
                  </span>
                </span>
                <span className="chips">
                  {(a.requires ?? []).map((r) => (
                    <Chip key={r.capability} title={`at least level ${r.level}`}>
                      {r.capability} ≥{r.level}
                    </Chip>
                  ))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {showEditor ? (
        <ActionEditor
          key={selected ?? ""}
          action={action}
          capabilities={(capabilities.data ?? []).map((c) => c.name)}
          onSaved={setSelected}
          onDeleted={() => setSelected(null)}
        />
      ) : (
        <p className="catalog-detail muted">Choose an action to edit it, or make a new one.</p>
      )}
    </div>
  );
}
