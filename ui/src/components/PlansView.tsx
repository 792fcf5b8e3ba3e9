import { useEffect, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import { useJumpTarget } from "../lib/focus";
import type { PlanFields } from "../generated/PlanFields";
import type { PlanStatus } from "../generated/PlanStatus";
import { PLAN_STATUS } from "../lib/labels";
import { PriorityBadge, StatusBadge } from "./Badges";
import { PlanChecks } from "./PlanChecks";
import { ConditionList } from "./ConditionList";
import { DeletePlanDialog } from "./DeletePlanDialog";
import { PlanCanvas } from "./PlanCanvas";
import { PlanForm } from "./PlanForm";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";
import { useFileCommands } from "./useFileCommands";

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** What the detail side shows: the selected plan's canvas, its fields being edited, or a new plan. */
type Mode = { kind: "canvas" } | { kind: "edit" } | { kind: "new"; template: PlanFields };

/** The plans of a goal (or of all goals), and the selected plan: its fields and its graph. */
export function PlansView() {
  const [goal, setGoal] = useState<string>("");
  const goals = useLoad(() => api.goalTree(), [], READS.goal_tree);
  const plans = useLoad(() => api.plans(goal || null), [goal], READS.plans);
  const actions = useLoad(() => api.actions(), [], READS.actions);
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: "canvas" });
  const [error, setError] = useState<CommandError | null>(null);
  const [deleting, setDeleting] = useState(false);
  // A refused dialog shows in the plan's banner; the export itself reports in the file panel.
  const files = useFileCommands(setError);
  const key = selected ?? plans.data?.[0]?.key ?? null;
  const summary = plans.data?.find((p) => p.key === key) ?? null;
  const plan = useLoad(() => (key ? api.plan(key) : Promise.resolve(null)), [key], READS.plan);
  const next = useLoad(() => (key ? api.planNextStatuses(key) : Promise.resolve([] as PlanStatus[])), [key], READS.plan_next_statuses);

  useEffect(() => {
    if (selected && plans.data && !plans.data.some((p) => p.key === selected)) setSelected(null);
  }, [plans.data, selected]);

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };
  const select = (k: string) => {
    setSelected(k);
    setMode({ kind: "canvas" });
    setError(null);
  };
  // A jump shows the plan among all plans, whatever goal was chosen.
  useJumpTarget("plan", (k) => {
    setGoal("");
    select(k);
  });
  const startNew = () => run(async () => setMode({ kind: "new", template: await api.planTemplate("New plan") }));
  const save = (fields: PlanFields, forGoal: string | null) =>
    run(async () => {
      if (mode.kind === "new") {
        const created = await api.createPlan(forGoal ?? "", fields);
        setSelected(created.key);
      } else if (key) {
        await api.updatePlan(key, fields);
      }
      setMode({ kind: "canvas" });
    });
  const remove = () =>
    run(async () => {
      if (key) await api.deletePlan(key);
      setDeleting(false);
      setSelected(null);
    });
  const p = plan.data;

  return (
    <div className="split">
      <aside className="list-pane">
        <div className="pane-toolbar">
          <select aria-label="Goal" data-testid="plan-goal-filter" value={goal} onChange={(e) => setGoal(e.target.value)}>
            <option value="">All goals</option>
            {goals.data?.map((g) => (
              <option key={g.key} value={g.key}>
                {g.key} — {g.title}
              </option>
            ))}
          </select>
          <span className="spacer" />
          <button type="button" data-testid="new-plan" disabled={!goals.data?.length} onClick={startNew} title="A new plan for a goal">
            + Plan
          </button>
        </div>
        <ul className="list" aria-label="Plans" data-testid="plan-list">
          {plans.data?.length === 0 && <li className="muted pad">No plans {goal ? "for this goal" : "yet"}.</li>}
          {plans.data?.map((s) => (
            <li key={s.key}>
              <button type="button" className="list-item" data-key={s.key} aria-current={s.key === key && mode.kind !== "new" ? "true" : undefined} onClick={() => select(s.key)}>
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
      </aside>
      {mode.kind === "new" ? (
        <article className="detail" data-testid="plan-detail">
          <header className="detail-head">
            <h2>New plan</h2>
          </header>
          <PlanForm goals={{ all: goals.data ?? [], initial: goal || null }} initial={mode.template} error={error} onSave={save} onCancel={() => setMode({ kind: "canvas" })} />
        </article>
      ) : p && key ? (
        <article className="detail plan-detail" data-testid="plan-detail">
          <header className="detail-head">
            <span className="key-chip" data-testid="plan-key">
              {p.key}
            </span>
            <h2>{p.title || p.key}</h2>
            <StatusBadge status={p.status} />
            <span className="spacer" />
            {next.data?.map((s) => (
              <button type="button" key={s} data-testid={`plan-status-${s}`} onClick={() => run(async () => void (await api.setPlanStatus(p.key, s)))}>
                → {PLAN_STATUS[s]}
              </button>
            ))}
            <button type="button" data-testid="export-plan-report" onClick={() => files.exportReport(p.key)} title="Save this plan as one HTML file anyone can open in a browser">
              Export HTML report…
            </button>
            <button type="button" data-testid="edit-plan" aria-pressed={mode.kind === "edit"} onClick={() => {
                setError(null);
                setMode(mode.kind === "edit" ? { kind: "canvas" } : { kind: "edit" });
              }}>
              {mode.kind === "edit" ? "Back to graph" : "Edit details"}
            </button>
            <button type="button" className="danger" data-testid="delete-plan" onClick={() => setDeleting(true)}>
              Delete
            </button>
          </header>
          {error && mode.kind === "canvas" && (
            <div className="banner error" role="alert">
              {error.message}
            </div>
          )}
          {mode.kind === "edit" ? (
            <PlanForm key={p.key} initial={p} error={error} onSave={save} onCancel={() => setMode({ kind: "canvas" })} />
          ) : (
            <>
              <dl className="facts compact">
                <dt>Goal</dt>
                <dd>{p.goal}</dd>
                <dt>Budget</dt>
                <dd>{p.budget == null ? "—" : money.format(p.budget)}</dd>
                <dt>Deadline</dt>
                <dd>{p.deadline ?? "—"}</dd>
                {(
                  [
                    ["Preconditions", p.preconditions],
                    ["Postconditions", p.postconditions],
                    ["Constraints", p.constraints],
                  ] as const
                )
                  .filter(([, list]) => list?.length)
                  .map(([label, list]) => (
                    <div key={label} className="fact-wide">
                      <dt>{label}</dt>
                      <dd>
                        <ConditionList conditions={list ?? []} />
                      </dd>
                    </div>
                  ))}
              </dl>
              <PlanCanvas key={p.key} planKey={p.key} actions={actions.data ?? []} />
              {/* Folded, so that the canvas keeps the height; open, it takes at most half. */}
              <details className="plan-checks-fold" data-testid="plan-checks-fold">
                <summary>Checks and critical path</summary>
                <PlanChecks plan={p.key} />
              </details>
            </>
          )}
        </article>
      ) : (
        <div className="editor-placeholder muted">{plans.data?.length === 0 ? "Create a plan with + Plan." : ""}</div>
      )}
      {deleting && summary && <DeletePlanDialog plan={summary} error={error} onCancel={() => setDeleting(false)} onConfirm={remove} />}
    </div>
  );
}
