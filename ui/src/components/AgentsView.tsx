import { api } from "../api";
import { Chip } from "./Badges";
import { useLoad } from "./useLoad";

const hours = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** The agents with their capabilities and load, and the action library (read-only). */
export function AgentsView({ seq }: { seq: number }) {
  const agents = useLoad(() => api.agents(), [seq]);
  const actions = useLoad(() => api.actions(), [seq]);

  return (
    <div className="columns">
      <section aria-labelledby="agents-heading">
        <h2 id="agents-heading">Agents</h2>
        {agents.data?.length === 0 && <p className="muted">No agents yet.</p>}
        <ul className="cards" data-testid="agent-list">
          {agents.data?.map((a) => {
            const ratio = a.capacity > 0 ? a.workload / a.capacity : a.workload > 0 ? 2 : 0;
            const over = a.workload > a.capacity;
            return (
              <li key={a.key} className={`card${a.active ? "" : " inactive"}`}>
                <div className="card-head">
                  <strong>{a.name}</strong>
                  <span className="key-chip">{a.key}</span>
                  {!a.active && <span className="badge status-abandoned">inactive</span>}
                </div>
                <div className="chips">
                  {(a.capabilities ?? []).map((c) => (
                    <Chip key={c.capability} title={`level ${c.level} of 5`}>
                      {c.capability} <b>{c.level}</b>
                    </Chip>
                  ))}
                </div>
                <div className="load">
                  <meter min={0} max={1} low={0.75} high={0.99} optimum={0.5} value={Math.min(ratio, 1)} />
                  <span className={over ? "over" : "muted"}>
                    {hours.format(a.workload)} / {hours.format(a.capacity)} h · {a.open_tasks} open
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Action library</h2>
        {actions.data?.length === 0 && <p className="muted">No actions yet.</p>}
        <table className="table" data-testid="action-list">
          <thead>
            <tr>
              <th>Action</th>
              <th className="num">Cost</th>
              <th className="num">Hours</th>
              <th>Requires</th>
            </tr>
          </thead>
          <tbody>
            {actions.data?.map((a) => (
              <tr key={a.key}>
                <td>
                  {a.name} <span className="muted small nowrap">{a.key}</span>
                </td>
                <td className="num">{a.cost}</td>
                <td className="num">{a.duration}</td>
                <td>
                  <div className="chips">
                    {(a.requires ?? []).map((r) => (
                      <Chip key={r.capability} title={`at least level ${r.level}`}>
                        {r.capability} ≥{r.level}
                      </Chip>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
