import { useState } from "react";
import { api } from "../api";
import type { ConditionCheck } from "../generated/ConditionCheck";
import type { Reading } from "../generated/Reading";
import type { StepCondition } from "../generated/StepCondition";
import { conditionText, readingText } from "../lib/reasons";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";
import "./intelligence.css";

const hours = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

function Readings({ readings }: { readings: Reading[] }) {
  return (
    <>
      {readings.map((r, i) => (
        <div key={i} className={r.holds ? "" : "bad-text"}>
          {r.holds ? "✓" : "✗"} {readingText(r)}
        </div>
      ))}
    </>
  );
}

function StepConditions({ rows, testid, broken }: { rows: StepCondition[]; testid: string; broken?: boolean }) {
  return (
    <table className="table" data-testid={testid}>
      <thead>
        <tr>
          <th>Step</th>
          <th>Needs</th>
          <th>Possible values, and who writes them</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b, i) => (
          <tr key={i} className={broken ? "broken" : undefined} data-step={b.step}>
            <td className="nowrap">
              <span className="key-chip">{b.step}</span> <span className="muted small">{b.action}</span>
            </td>
            <td>
              <code>{conditionText(b.condition)}</code>
            </td>
            <td className="small">
              <Readings readings={b.readings} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Checks({ title, rows }: { title: string; rows: ConditionCheck[] }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="rows-list">
        {rows.map((c, i) => (
          <li key={i}>
            <code>{conditionText(c.condition)}</code>
            <span className="why">
              <Readings readings={c.readings} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The selected plan's validation (every execution order its edges allow) and critical path. */
export function PlanChecks({ plan }: { plan: string }) {
  const [fromWorld, setFromWorld] = useState(false);
  const validation = useLoad(async () => api.validatePlan(plan, fromWorld ? await api.worldState() : null), [plan, fromWorld], READS.validate_plan);
  const path = useLoad(() => api.criticalPath(plan), [plan], READS.critical_path);
  const v = validation.data?.plan === plan ? validation.data : null;
  const cp = path.data?.plan === plan ? path.data : null;

  return (
    <section className="checks" data-testid="plan-checks" aria-label="Plan checks">
      <h3>Checks</h3>
      <div className="inline">
        {v && (
          <span className={`verdict ${v.valid ? "valid" : "invalid"}`} data-testid="plan-verdict">
            {v.valid ? "Valid" : "Not valid"}
          </span>
        )}
        {v && (
          <span className="muted small">
            {v.steps} steps · start state {v.state_given ? "given" : "from the plan's = preconditions"}:{" "}
            {Object.entries(v.start_state)
              .map(([k, x]) => `${k} = ${String(x)}`)
              .join(", ") || "nothing known"}
          </span>
        )}
        <div className="spacer" />
        <label className="inline small">
          <input type="checkbox" checked={fromWorld} data-testid="checks-from-world" onChange={(e) => setFromWorld(e.target.checked)} />
          from the recorded world state
        </label>
      </div>
      {validation.error && (
        <p className="field-error" role="alert">
          {validation.error.message}
        </p>
      )}
      {v && (
        <>
          {v.broken_steps.length > 0 && (
            <>
              <h3>Broken steps</h3>
              <StepConditions rows={v.broken_steps} testid="broken-steps" broken />
            </>
          )}
          {v.unmet_postconditions.length > 0 && (
            <>
              <h3>Postconditions the end may miss</h3>
              <ul className="rows-list" data-testid="unmet-postconditions">
                {v.unmet_postconditions.map((u, i) => (
                  <li key={i}>
                    <span className="muted small">{u.owner} {u.key}</span>
                    <code>{conditionText(u.condition)}</code>
                    <span className="why">
                      <Readings readings={u.readings} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Checks title="Constraints violated" rows={v.constraint_violations} />
          <Checks title="Preconditions the start state does not meet" rows={v.unmet_preconditions} />
          {v.missing_actions.length > 0 && (
            <p className="bad-text">Steps without a library action: {v.missing_actions.map((m) => `${m.step} (${m.action})`).join(", ")}</p>
          )}
          {v.budget && (
            <p className={v.budget.over ? "bad-text" : "small"} data-testid="plan-budget">
              Cost {v.budget.total_cost} of a budget of {v.budget.budget}
              {v.budget.over ? ": over budget" : ""}
            </p>
          )}
          {v.deadline && (
            <p className={v.deadline.late ? "bad-text" : "small"} data-testid="plan-deadline">
              Started now, it finishes {v.deadline.finish ?? "after the year 9999"} (deadline {v.deadline.deadline}){v.deadline.late ? ": late" : ""}
            </p>
          )}
          {v.causal_links.length > 0 && (
            <details>
              <summary className="small">Causal links ({v.causal_links.length}): who supplies each step's preconditions</summary>
              <StepConditions rows={v.causal_links} testid="causal-links" />
            </details>
          )}
        </>
      )}

      <h3>Critical path</h3>
      {path.error && <p className="field-error">{path.error.message}</p>}
      {cp && (
        <>
          <p data-testid="critical-summary">
            <strong>{hours.format(cp.duration_hours)} h</strong> from start to finish · total cost <strong>{cp.total_cost}</strong> · critical:{" "}
            {cp.critical_steps.join(" → ") || "—"}
          </p>
          <table className="table" data-testid="critical-path">
            <thead>
              <tr>
                <th>Step</th>
                <th className="num">Duration</th>
                <th className="num">Earliest start</th>
                <th className="num">Latest start</th>
                <th className="num">Slack</th>
              </tr>
            </thead>
            <tbody>
              {cp.steps.map((s) => (
                <tr key={s.step} className={s.critical ? "critical" : undefined} data-step={s.step}>
                  <td className="nowrap">
                    <span className="key-chip">{s.step}</span> <span className="muted small">{s.action}</span>
                  </td>
                  <td className="num">{hours.format(s.duration)} h</td>
                  <td className="num">{hours.format(s.earliest_start)}</td>
                  <td className="num">{hours.format(s.latest_start)}</td>
                  <td className="num">{s.critical ? <span className="bad-text">0 — critical</span> : `${hours.format(s.slack)} h`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
