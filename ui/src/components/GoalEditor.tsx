import { useEffect, useMemo, useRef, useState } from "react";
import { ChangedElsewhere } from "./ChangedElsewhere";
import { api, asCommandError, type CommandError } from "../api";
import type { ContributionKind } from "../generated/ContributionKind";
import type { Goal } from "../generated/Goal";
import type { GoalDeletion } from "../generated/GoalDeletion";
import type { GoalKind } from "../generated/GoalKind";
import type { GoalMode } from "../generated/GoalMode";
import type { GoalNode } from "../generated/GoalNode";
import type { GoalStatus } from "../generated/GoalStatus";
import type { Refinement } from "../generated/Refinement";
import { errorFor, fieldsFromForm, formFromFields, isFieldError, type GoalForm } from "../lib/goalForm";
import { GOAL_KIND, GOAL_MODE, GOAL_STATUS, REFINEMENT } from "../lib/labels";
import { StatusBadge } from "./Badges";
import { DeleteGoalDialog } from "./DeleteGoalDialog";
import { FieldError } from "./FieldError";
import { GoalPicker } from "./GoalPicker";
import { ConditionRows, EffectRows, MetricRows } from "./RowEditors";
import { PlanGoalButton } from "./GoalPlanningPanel";
import { shortcutFor } from "../lib/shortcuts";
import { READS, useTags } from "../lib/invalidation";

type Props = {
  goalKey: string;
  goals: GoalNode[];
  focusTitle: boolean;
  onFocused: () => void;
  /** After a deletion, with the deleted goal's parent (the next goal to show). */
  onDeleted: (parent: string | null) => void;
  /** Whether the form holds unsaved edits, so that the view keeps the goal open. */
  onDirtyChange: (dirty: boolean) => void;
  /** Set when the user tried to leave with unsaved edits. */
  leaveRefused: boolean;
};

/** Where a gesture other than Save was refused: the editor shows the message there. */
type Place = "status" | "parent" | "dependencies" | "contributions";

const same = (a: GoalForm | null, b: GoalForm | null) => JSON.stringify(a) === JSON.stringify(b);

const CONTRIBUTIONS: { kind: ContributionKind; label: string }[] = [
  { kind: "++", label: "++ makes" },
  { kind: "+", label: "+ helps" },
  { kind: "-", label: "− hurts" },
  { kind: "--", label: "−− breaks" },
];

/** Every field of one goal, saved as one gesture; status, place and links change at once. */
export function GoalEditor({ goalKey, goals, focusTitle, onFocused, onDeleted, onDirtyChange, leaveRefused }: Props) {
  const [goal, setGoal] = useState<Goal | null>(null);
  const [next, setNext] = useState<GoalStatus[]>([]);
  const [form, setForm] = useState<GoalForm | null>(null);
  const [base, setBase] = useState<GoalForm | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [placeError, setPlaceError] = useState<{ place: Place; error: CommandError } | null>(null);
  const [deletion, setDeletion] = useState<GoalDeletion | null>(null);
  const [deleteError, setDeleteError] = useState<CommandError | null>(null);
  const [saving, setSaving] = useState(false);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const [newContribution, setNewContribution] = useState<{ to: string; kind: ContributionKind }>({ to: "", kind: "+" });
  const title = useRef<HTMLInputElement>(null);
  const current = useRef({ form, base });
  current.current = { form, base };

  const version = useTags(READS.goal);
  useEffect(() => {
    let live = true;
    Promise.all([api.goal(goalKey), api.goalNextStatuses(goalKey)]).then(
      ([g, n]) => {
        if (!live) return;
        const loaded = formFromFields(g);
        // Unsaved edits survive a refresh caused by another change.
        const { form: editing, base: before } = current.current;
        if (editing === null || same(editing, before)) setForm(loaded);
        // Edited here while someone else saved this goal: say so, keep the edits.
        else if (before !== null && !same(before, loaded)) setChangedElsewhere(true);
        setBase(loaded);
        setGoal(g);
        setNext(n);
      },
      (e) => live && setError(asCommandError(e)),
    );
    return () => {
      live = false;
    };
  }, [goalKey, version]);

  useEffect(() => {
    if (focusTitle && form && title.current) {
      title.current.focus();
      title.current.select();
      onFocused();
    }
  }, [focusTitle, form, onFocused]);

  const dirty = form !== null && !same(form, base);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => setChangedElsewhere(false), [goalKey]);

  // What the goal pickers leave out: the goal itself, and what it already depends on.
  const itself = useMemo(() => new Set([goalKey]), [goalKey]);
  const linked = useMemo(() => new Set([goalKey, ...(goal?.depends_on ?? [])]), [goalKey, goal?.depends_on]);
  if (!goal || !form) return <div className="editor" />;

  const set = <K extends keyof GoalForm>(field: K, value: GoalForm[K]) => setForm({ ...form, [field]: value });

  const save = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const saved = await api.updateGoal(goalKey, fieldsFromForm(form));
      const loaded = formFromFields(saved);
      setGoal(saved);
      setBase(loaded);
      setForm(loaded);
      setError(null);
      setChangedElsewhere(false);
    } catch (e) {
      setError(asCommandError(e));
    } finally {
      setSaving(false);
    }
  };

  const revert = () => {
    setForm(base);
    setError(null);
    setChangedElsewhere(false);
  };

  const act = async (place: Place, gesture: () => Promise<unknown>) => {
    try {
      await gesture();
      setPlaceError(null);
    } catch (e) {
      setPlaceError({ place, error: asCommandError(e) });
    }
  };
  const errorAt = (place: Place) => (placeError?.place === place ? placeError.error.message : undefined);

  const askDelete = async () => {
    try {
      setDeleteError(null);
      setDeletion(await api.goalDeletionPreview(goalKey));
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const confirmDelete = async () => {
    try {
      await api.deleteGoal(goalKey);
      setDeletion(null);
      onDeleted(goal.parent);
    } catch (e) {
      setDeleteError(asCommandError(e));
    }
  };

  const titleOf = (key: string) => goals.find((g) => g.key === key)?.title ?? key;
  const described = (field: string) => (errorFor(error, field) ? `error-${field}` : undefined);

  return (
    <form
      className="editor"
      noValidate
      onSubmit={save}
      aria-labelledby="editor-heading"
      data-testid="goal-editor"
      onKeyDown={(e) => {
        if (shortcutFor("editor", e, true) === "editor.save") {
          e.preventDefault();
          save();
        }
      }}
    >
      <div className="editor-head">
        <span className="key-chip" data-testid="goal-key">
          {goal.key}
        </span>
        <h2 id="editor-heading">{goal.title}</h2>
        <StatusBadge status={goal.status} />
        <div className="spacer" />
        <PlanGoalButton goal={goal.key} title={goal.title} />
        <button type="button" className="danger" data-testid="delete-goal" onClick={askDelete}>
          Delete…
        </button>
      </div>

      <div className="editor-body">
        <div className="status-strip" aria-label="Status">
          <span className="label">Status</span>
          <StatusBadge status={goal.status} />
          {next.length > 0 ? <span className="muted">move to</span> : <span className="muted small">final: no further moves</span>}
          {next.map((s) => (
            <button type="button" key={s} data-testid={`status-${s}`} onClick={() => act("status", () => api.setGoalStatus(goalKey, s))}>
              {GOAL_STATUS[s]}
            </button>
          ))}
          <span className="muted small hint">changes at once</span>
          <FieldError id="error-status" message={errorAt("status")} />
        </div>
        {error && !isFieldError(error) && (
          <div className="banner error" role="alert" data-testid="editor-error">
            {error.message}
          </div>
        )}

        <div className="grid">
          <div className="field wide">
            <label htmlFor="goal-title">Title</label>
            <input
              id="goal-title"
              ref={title}
              value={form.title}
              aria-invalid={!!errorFor(error, "title")}
              aria-describedby={described("title")}
              onChange={(e) => set("title", e.target.value)}
            />
            <FieldError id="error-title" message={errorFor(error, "title")} />
          </div>
          <div className="field wide">
            <label htmlFor="goal-description">Description</label>
            <textarea
              id="goal-description"
              rows={3}
              value={form.description}
              aria-describedby={described("description")}
              onChange={(e) => set("description", e.target.value)}
            />
            <FieldError id="error-description" message={errorFor(error, "description")} />
          </div>
          <div className="field">
            <label htmlFor="goal-priority">Priority (1–10)</label>
            <input
              id="goal-priority"
              inputMode="numeric"
              value={form.priority}
              aria-invalid={!!errorFor(error, "priority")}
              aria-describedby={described("priority")}
              onChange={(e) => set("priority", e.target.value)}
            />
            <FieldError id="error-priority" message={errorFor(error, "priority")} />
          </div>
          <div className="field">
            <label htmlFor="goal-kind">Kind</label>
            <select id="goal-kind" value={form.kind} onChange={(e) => set("kind", e.target.value as GoalKind)}>
              {Object.entries(GOAL_KIND).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError id="error-kind" message={errorFor(error, "kind")} />
          </div>
          <div className="field">
            <label htmlFor="goal-mode">Mode</label>
            <select id="goal-mode" value={form.mode} onChange={(e) => set("mode", e.target.value as GoalMode)}>
              {Object.entries(GOAL_MODE).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError id="error-mode" message={errorFor(error, "mode")} />
          </div>
          <div className="field">
            <label htmlFor="goal-refinement">Refinement</label>
            <select id="goal-refinement" value={form.refinement} onChange={(e) => set("refinement", e.target.value as Refinement)}>
              {Object.entries(REFINEMENT).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError id="error-refinement" message={errorFor(error, "refinement")} />
          </div>
        </div>

        <ConditionRows name="preconditions" label="Preconditions" rows={form.preconditions} error={error} onChange={(rows) => set("preconditions", rows)} />
        <ConditionRows name="postconditions" label="Postconditions" rows={form.postconditions} error={error} onChange={(rows) => set("postconditions", rows)} />
        <EffectRows name="effects" label="Effects" rows={form.effects} error={error} onChange={(rows) => set("effects", rows)} />
        <MetricRows name="metrics" label="Metrics" rows={form.metrics} error={error} onChange={(rows) => set("metrics", rows)} />



        <section className="group" aria-labelledby="links-heading">
          <h3 id="links-heading">
            Place and links <span className="hint">change at once</span>
          </h3>
          <div className="field">
            <span className="label">Parent goal</span>
            <div className="inline">
              <span className="chip" data-testid="goal-parent" title={goal.parent ? titleOf(goal.parent) : undefined}>
                {goal.parent ?? "none: a top-level goal"}
              </span>
              {goal.parent && (
                <button type="button" data-testid="make-top-level" onClick={() => act("parent", () => api.moveGoal(goalKey, null))}>
                  Make top-level
                </button>
              )}
              <GoalPicker
                goals={goals}
                exclude={itself}
                label="Move under another goal"
                placeholder="Move under…"
                testId="move-under"
                onPick={(key) => act("parent", () => api.moveGoal(goalKey, key))}
              />
            </div>
            <FieldError id="error-parent" message={errorAt("parent")} />
          </div>

          <div className="field">
            <span className="label">Depends on</span>
            <div className="chips">
              {goal.depends_on.length === 0 && <span className="muted small">nothing</span>}
              {goal.depends_on.map((d) => (
                <span className="chip" key={d} title={titleOf(d)} data-testid={`dependency-${d}`}>
                  {d}
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Remove dependency on ${d}`}
                    onClick={() => act("dependencies", () => api.removeGoalDependency(goalKey, d))}
                  >
                    ×
                  </button>
                </span>
              ))}
              <GoalPicker
                goals={goals}
                exclude={linked}
                label="Add a dependency"
                placeholder="+ Add dependency…"
                testId="add-dependency"
                onPick={(key) => act("dependencies", () => api.addGoalDependency(goalKey, key))}
              />
            </div>
            <FieldError id="error-dependencies" message={errorAt("dependencies")} />
          </div>

          <div className="field">
            <span className="label">Contributes to {goal.kind === "hard" && <span className="muted small">(soft goals only)</span>}</span>
            <div className="chips">
              {goal.contributions.length === 0 && <span className="muted small">nothing</span>}
              {goal.contributions.map((c) => (
                <span className="chip" key={c.to} title={titleOf(c.to)}>
                  {c.kind} {c.to}
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Remove contribution to ${c.to}`}
                    onClick={() => act("contributions", () => api.setGoalContribution(goalKey, c.to, null))}
                  >
                    ×
                  </button>
                </span>
              ))}
            </div>
            <div className="inline">
              <select
                aria-label="Contribution kind"
                value={newContribution.kind}
                onChange={(e) => setNewContribution({ ...newContribution, kind: e.target.value as ContributionKind })}
              >
                {CONTRIBUTIONS.map((c) => (
                  <option key={c.kind} value={c.kind}>
                    {c.label}
                  </option>
                ))}
              </select>
              {newContribution.to ? (
                <span className="chip" data-testid="contribution-target" title={titleOf(newContribution.to)}>
                  {newContribution.to}
                  <button type="button" className="icon" aria-label="Choose another goal" onClick={() => setNewContribution({ ...newContribution, to: "" })}>
                    ×
                  </button>
                </span>
              ) : (
                <GoalPicker
                  goals={goals}
                  exclude={itself}
                  label="Contribution target"
                  placeholder="goal…"
                  testId="contribution-to"
                  onPick={(key) => setNewContribution({ ...newContribution, to: key })}
                />
              )}
              <button
                type="button"
                disabled={!newContribution.to}
                onClick={() => act("contributions", () => api.setGoalContribution(goalKey, newContribution.to, newContribution.kind))}
              >
                Set
              </button>
            </div>
            <FieldError id="error-contributions" message={errorAt("contributions")} />
          </div>
        </section>

        <div className="save-bar">
          {dirty && changedElsewhere ? (
            <ChangedElsewhere entity="goal" testId="changed-elsewhere" onReload={revert} />
          ) : dirty && leaveRefused ? (
            <span className="field-error" role="alert" data-testid="leave-refused">
              Save or revert these changes before leaving this goal.
            </span>
          ) : (
            <span className="muted small" data-testid="save-state">
              {dirty ? "Unsaved changes" : "All changes saved"}
            </span>
          )}
          <div className="spacer" />
          <button type="button" disabled={!dirty} onClick={revert} data-testid="revert-goal">
            Revert
          </button>
          <button type="submit" className="primary" disabled={!dirty || saving} data-testid="save-goal" title="Save (Ctrl+S)">
            Save
          </button>
        </div>
      </div>

      {deletion && (
        <DeleteGoalDialog title={goal.title} preview={deletion} error={deleteError} onCancel={() => setDeletion(null)} onConfirm={confirmDelete} />
      )}
    </form>
  );
}
