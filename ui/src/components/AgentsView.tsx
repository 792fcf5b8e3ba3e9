import { useState } from "react";
import { api } from "../api";
import { useJumpTarget } from "../lib/focus";
import { isOverCapacity, loadLabel } from "../lib/board";
import { AgentEditor } from "./AgentEditor";
import { Chip } from "./Badges";
import { CapabilityList } from "./CapabilityList";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** The agents with their capabilities and load, a form for one, and the capability names. */
export function AgentsView() {
  const agents = useLoad(() => api.agents(), [], READS.agents);
  const capabilities = useLoad(() => api.capabilities(), [], READS.capabilities);
  // An agent's key, "" for a new one, null for none chosen.
  const [selected, setSelected] = useState<string | null>(null);
  useJumpTarget("agent", setSelected);
  const [notice, setNotice] = useState("");
  const agent = agents.data?.find((a) => a.key === selected) ?? null;
  const showEditor = selected === "" || agent !== null;

  return (
    <div className="catalog">
      <section className="catalog-list" aria-labelledby="agents-heading">
        <div className="pane-toolbar">
          <h2 id="agents-heading">Agents</h2>
          <div className="spacer" />
          <button type="button" className="primary" data-testid="new-agent" onClick={() => setSelected("")}>
            New agent
          </button>
        </div>
        {agents.data?.length === 0 && <p className="muted pad">No agents yet.</p>}
        <ul className="plain" data-testid="agent-list">
          {agents.data?.map((a) => {
            const ratio = a.capacity > 0 ? a.workload / a.capacity : a.workload > 0 ? 2 : 0;
            return (
              <li key={a.key} className={a.active ? "" : "inactive"}>
                <button type="button" className="list-item" aria-current={a.key === selected} data-testid={`agent-${a.key}`} onClick={() => setSelected(a.key)}>
                  <span className="list-title">{a.name}</span>
                  <span className="list-meta">
                    <span className="key-chip">{a.key}</span>
                    {!a.active && <span className="badge status-abandoned">inactive</span>}
                    <meter min={0} max={1} low={0.75} high={0.99} optimum={0.5} value={Math.min(ratio, 1)} />
                    <span className={`small ${isOverCapacity(a) ? "over" : "muted"}`}>{loadLabel(a)}</span>
                  </span>
                  <span className="chips">
                    {(a.capabilities ?? []).map((c) => (
                      <Chip key={c.capability} title={`level ${c.level} of 5`}>
                        {c.capability} <b>{c.level}</b>
                      </Chip>
                    ))}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        <CapabilityList capabilities={capabilities.data ?? []} />
      </section>
      {showEditor ? (
        <AgentEditor
          key={selected ?? ""}
          agent={agent}
          capabilities={(capabilities.data ?? []).map((c) => c.name)}
          onSaved={(key) => {
            setNotice("");
            setSelected(key);
          }}
          onDeleted={(released) => {
            setSelected(null);
            setNotice(released.length > 0 ? `Now unassigned: ${released.join(", ")}` : "");
          }}
        />
      ) : (
        <p className="catalog-detail muted" data-testid="agents-notice">
          {notice || "Choose an agent to edit it, or make a new one."}
        </p>
      )}
    </div>
  );
}
