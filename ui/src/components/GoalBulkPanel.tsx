import { useMemo, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { GoalNode } from "../generated/GoalNode";
import type { GoalStatus } from "../generated/GoalStatus";
import { goalEdit, goalEditField, NO_CHOICES, TO_ROOT, type GoalEditChoices } from "../lib/bulk";
import { GOAL_STATUS } from "../lib/labels";
import { FieldError } from "./FieldError";
import { GoalPicker } from "./GoalPicker";

type Props = {
  /** The selected goals, in the order selected. */
  keys: string[];
  goals: GoalNode[];
  /** Ends the multi-selection. */
  onDone: () => void;
};

/**
 * One edit for every selected goal: a status, a priority and/or a parent, saved as one
 * gesture (one undo step). The store takes all of it or none; a refusal is shown beside
 * the field it is about, naming the goal at fault.
 */
export function GoalBulkPanel({ keys, goals, onDone }: Props) {
  const [choices, setChoices] = useState<GoalEditChoices>(NO_CHOICES);
  const [error, setError] = useState<{ field: ReturnType<typeof goalEditField>; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const selected = useMemo(() => new Set(keys), [keys]);
  const titleOf = (key: string) => goals.find((g) => g.key === key)?.title ?? key;

  const apply = async () => {
    const edit = goalEdit(choices);
    setSaved(null);
    if ("problem" in edit) return setError({ field: null, message: edit.problem });
    setSaving(true);
    try {
      const edited = await api.editGoals(keys, edit);
      setError(null);
      setChoices(NO_CHOICES);
      setSaved(`Applied to ${edited.length} goals (Ctrl+Z undoes it in one step)`);
    } catch (e) {
      const err: CommandError = asCommandError(e);
      setError({ field: goalEditField(err, choices.parent), message: err.message });
    } finally {
      setSaving(false);
    }
  };
  const errorAt = (field: "status" | "priority" | "parent") => (error?.field === field ? error.message : undefined);

  return (
    <section className="bulk-panel" aria-labelledby="goal-bulk-title" data-testid="goal-bulk-panel">
      <h2 id="goal-bulk-title">{keys.length} goals selected</h2>
      <p className="muted small">Set a field on all of them at once: one step to undo. Fields left empty stay as they are.</p>
      <div className="bulk-keys" aria-label="Selected goals">
        {keys.map((k) => (
          <span className="chip" key={k} title={titleOf(k)} data-testid={`bulk-goal-${k}`}>
            {k}
          </span>
        ))}
      </div>
      <div className="bulk-fields">
        <label htmlFor="bulk-status">Status</label>
        <div>
          <select
            id="bulk-status"
            data-testid="bulk-status"
            value={choices.status}
            aria-describedby="error-bulk-status"
            aria-invalid={errorAt("status") ? true : undefined}
            onChange={(e) => setChoices({ ...choices, status: e.target.value as "" | GoalStatus })}
          >
            <option value="">(keep)</option>
            {Object.entries(GOAL_STATUS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id="error-bulk-status" message={errorAt("status")} />
        </div>
        <label htmlFor="bulk-priority">Priority</label>
        <div>
          <input
            id="bulk-priority"
            type="number"
            min={1}
            max={10}
            placeholder="(keep)"
            data-testid="bulk-priority"
            value={choices.priority}
            aria-describedby="error-bulk-priority"
            aria-invalid={errorAt("priority") ? true : undefined}
            onChange={(e) => setChoices({ ...choices, priority: e.target.value })}
          />
          <FieldError id="error-bulk-priority" message={errorAt("priority")} />
        </div>
        <span className="label">Parent</span>
        <div>
          <div className="chips">
            <span className="chip" data-testid="bulk-parent">
              {choices.parent === "" ? "(keep)" : choices.parent === TO_ROOT ? "top level" : `${choices.parent} · ${titleOf(choices.parent)}`}
            </span>
            <button type="button" data-testid="bulk-parent-root" onClick={() => setChoices({ ...choices, parent: TO_ROOT })}>
              Make top-level
            </button>
            {choices.parent !== "" && (
              <button type="button" className="link small" onClick={() => setChoices({ ...choices, parent: "" })}>
                Keep
              </button>
            )}
          </div>
          <GoalPicker goals={goals} exclude={selected} label="Move all under another goal" placeholder="Move all under…" testId="bulk-move-under" onPick={(key) => setChoices({ ...choices, parent: key })} />
          <FieldError id="error-bulk-parent" message={errorAt("parent")} />
        </div>
      </div>
      {error && error.field === null && (
        <p className="field-error" role="alert" data-testid="error-bulk">
          {error.message}
        </p>
      )}
      <div className="bulk-actions">
        <button type="button" className="primary" data-testid="bulk-apply" disabled={saving} onClick={apply}>
          Apply to {keys.length} goals
        </button>
        <button type="button" data-testid="bulk-cancel" onClick={onDone}>
          Clear selection
        </button>
      </div>
      <p className="muted small" role="status" data-testid="bulk-saved">
        {saved ?? ""}
      </p>
    </section>
  );
}
