import { useState } from "react";
import { ChangedElsewhere } from "./ChangedElsewhere";
import { api, asCommandError, type CommandError } from "../api";
import type { Action } from "../generated/Action";
import { ACTION_FIELDS, actionFields, actionForm, type ActionForm } from "../lib/actionForm";
import { namesAField } from "../lib/formErrors";
import { errorFor } from "../lib/goalForm";
import { CapabilityChips } from "./CapabilityChips";
import { FieldError } from "./FieldError";
import { ConditionRows, EffectRows } from "./RowEditors";
import { TextField } from "./TextField";
import { useEditedForm } from "./useEditedForm";

const BLANK: ActionForm = actionForm({ name: "", description: "", cost: 0, duration: 1, requires: [], preconditions: [], effects: [] });

type Props = {
  /** The action to edit, or null for a new one. */
  action: Action | null;
  capabilities: string[];
  onSaved: (key: string) => void;
  onDeleted: () => void;
};

/** Every field of one action, saved as one gesture. */
export function ActionEditor({ action, capabilities, onSaved, onDeleted }: Props) {
  const { form, setForm, dirty, changedElsewhere, revert } = useEditedForm<ActionForm>(action ? actionForm(action) : BLANK);
  const [newKey, setNewKey] = useState("");
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!form) return null;

  const set = <K extends keyof ActionForm>(field: K, value: ActionForm[K]) => setForm({ ...form, [field]: value });
  const fieldError = (field: string) => errorFor(error, field);

  const save = async () => {
    setBusy(true);
    try {
      const fields = actionFields(form);
      const saved = action ? await api.updateAction(action.key, fields) : await api.createAction(fields, newKey.trim() || null);
      setError(null);
      onSaved(saved.key);
    } catch (e) {
      setError(asCommandError(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!action) return;
    try {
      await api.deleteAction(action.key);
      onDeleted();
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  return (
    <form
      className="catalog-detail"
      aria-label={action ? `Action ${action.key}` : "New action"}
      data-testid="action-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <header className="detail-head">
        <h2>{action ? action.name : "New action"}</h2>
        {action && <span className="key-chip">{action.key}</span>}
        <div className="spacer" />
        {action && (
          <button type="button" className="danger" data-testid="delete-action" onClick={remove}>
            Delete
          </button>
        )}
      </header>
      {error && !namesAField(error, [...ACTION_FIELDS, "key"]) && (
        <div className="banner error" role="alert" data-testid="action-error">
          {error.message}
        </div>
      )}
      <div className="grid">
        {!action && (
          <TextField wide id="action-key" label="Key (blank: next free A-n)" value={newKey} error={fieldError("key")} onChange={setNewKey} />
        )}
        <TextField wide id="action-name" label="Name" value={form.name} error={fieldError("name")} onChange={(v) => set("name", v)} autoFocus={!action} />
        <div className="field wide">
          <label htmlFor="action-description">Description</label>
          <textarea id="action-description" rows={2} value={form.description} data-testid="action-description" onChange={(e) => set("description", e.target.value)} />
          <FieldError id="error-action-description" message={fieldError("description")} />
        </div>
        <TextField id="action-cost" label="Cost" numeric value={form.cost} error={fieldError("cost")} onChange={(v) => set("cost", v)} />
        <TextField id="action-duration" label="Duration (hours)" numeric value={form.duration} error={fieldError("duration")} onChange={(v) => set("duration", v)} />
      </div>
      <CapabilityChips name="requires" label="Requires (minimum level)" list={form.requires} known={capabilities} error={error} onChange={(v) => set("requires", v)} />
      <ConditionRows name="preconditions" label="Preconditions" rows={form.preconditions} error={error} onChange={(v) => set("preconditions", v)} />
      <EffectRows name="effects" label="Effects" rows={form.effects} error={error} onChange={(v) => set("effects", v)} />
      <div className="save-bar">
        {changedElsewhere ? (
          <ChangedElsewhere entity="action" testId="action-changed-elsewhere" onReload={revert} />
        ) : (
          <span className="muted small" data-testid="action-save-state">
            {dirty ? "Unsaved changes" : action ? "All changes saved" : ""}
          </span>
        )}
        <div className="spacer" />
        <button type="button" disabled={!dirty} onClick={revert}>
          Revert
        </button>
        <button type="submit" className="primary" disabled={busy || (!dirty && action !== null)} data-testid="save-action">
          {action ? "Save" : "Create action"}
        </button>
      </div>
    </form>
  );
}
