import { useEffect, useState } from "react";
import { api } from "../api";
import { ConditionList } from "./ConditionList";
import { PriorityBadge, StatusBadge } from "./Badges";
import { PlanChecks } from "./PlanChecks";
import { useLoad } from "./useLoad";

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** Every plan, and the steps and ordering of the selected one (read-only in this slice). */
export function PlansView({ seq }: { seq: number }) {
  const plans = useLoad(() => api.plans(), [seq]);
  const actions = useLoad(() => api.actions(), [seq]);
  const [selected, setSelected] = useState<string | null>(null);
  const key = selected ?? plans.data?.[0]?.key ?? null;
  const plan = useLoad(() => (key ? api.plan(key) : Promise.resolve(null)), [key, seq]);

  useEffect(() => {
    if (selected && plans.data && !plans.data.some((p) => p.key === selected)) setSelected(null);
  }, [plans.data, selected]);

  if (plans.data?.length === 0) return <p className="muted pad">No plans yet.</p>;
  const actionName = (k: string) => actions.data?.find((a) => a.key === k)?.name ?? k;
  const p = plan.data;

  return (
    <div className="split">
      <ul className="list" aria-label="Plans" data-testid="plan-list">
        {plans.data?.map((s) => (
          <li key={s.key}>
            <button type="button" className="list-item" aria-current={s.key === key ? "true" : undefined} onClick={() => setSelected(s.key)}>
              <span className="list-title">{s.title || s.key}</span>
              <span className="list-meta">
                <span className="key-chip">{s.key}</span>
                <span className="muted small">for {s.goal}</span>
                <span className="spacer" />
                <PriorityBadge priority={s.priority} />
                <StatusBadge status={s.status} />
              </span>
              <span className="muted small">
                {s.steps} steps · cost {money.format(s.total_cost)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {p && (
        <article className="detail" data-testid="plan-detail">
          <header className="detail-head">
            <span className="key-chip">{p.key}</span>
            <h2>{p.title || p.key}</h2>
            <StatusBadge status={p.status} />
          </header>
          <dl className="facts">
            <dt>Goal</dt>
            <dd>{p.goal}</dd>
            <dt>Budget</dt>
            <dd>{p.budget == null ? "—" : money.format(p.budget)}</dd>
            <dt>Deadline</dt>
            <dd>{p.deadline ?? "—"}</dd>
            <dt>Preconditions</dt>
            <dd>
              <ConditionList conditions={p.preconditions ?? []} />
            </dd>
            <dt>Postconditions</dt>
            <dd>
              <ConditionList conditions={p.postconditions ?? []} />
            </dd>
            <dt>Constraints</dt>
            <dd>
              <ConditionList conditions={p.constraints ?? []} />
            </dd>
          </dl>
          <h3>Steps</h3>
          <table className="table">
            <thead>
              <tr>
                <th>Step</th>
                <th>Action</th>
                <th>After</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {p.steps.map((s) => (
                <tr key={s.key}>
                  <td>
                    <span className="key-chip">{s.key}</span>
                  </td>
                  <td>
                    {actionName(s.action)} <span className="muted small nowrap">{s.action}</span>
                  </td>
                  <td>
                    {p.edges
                      .filter((e) => e.after === s.key)
                      .map((e) => e.before)
                      .join(", ") || <span className="muted">—</span>}
                  </td>
                  <td>{s.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PlanChecks plan={p.key} seq={seq} />
        </article>
      )}
    </div>
  );
}
