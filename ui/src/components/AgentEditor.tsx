import { useState } from "react";
import { ChangedElsewhere } from "./ChangedElsewhere";
import { api, asCommandError, type CommandError } from "../api";
import type { Agent } from "../generated/Agent";
import { AGENT_FIELDS, agentFields, agentForm, type AgentForm } from "../lib/agentForm";
import { isOverCapacity, loadLabel } from "../lib/board";
import { namesAField } from "../lib/formErrors";
import { errorFor } from "../lib/goalForm";
import { CapabilityChips } from "./CapabilityChips";
import { FieldError } from "./FieldError";
import { TextField } from "./TextField";
import { useEditedForm } from "./useEditedForm";

const BLANK: AgentForm = agentForm({ name: "", experience: 0, capacity: 40, active: true, capabilities: [] });

type Props = {
  /** The agent to edit, or null for a new one. */
  agent: Agent | null;
  capabilities: string[];
  onSaved: (key: string) => void;
  onDeleted: (unassigned: string[]) => void;
};

/** Every field of one agent, saved as one gesture; its workload is derived, shown only. */
export function AgentEditor({ agent, capabilities, onSaved, onDeleted }: Props) {
  const { form, setForm, dirty, changedElsewhere, revert } = useEditedForm<AgentForm>(agent ? agentForm(agent) : BLANK);
  const [newKey, setNewKey] = useState("");
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!form) return null;

  const set = <K extends keyof AgentForm>(field: K, value: AgentForm[K]) => setForm({ ...form, [field]: value });
  const fieldError = (field: string) => errorFor(error, field);

  const save = async () => {
    setBusy(true);
    try {
      const fields = agentFields(form);
      const saved = agent ? await api.updateAgent(agent.key, fields) : await api.createAgent(fields, newKey.trim() || null);
      setError(null);
      onSaved(saved.key);
    } catch (e) {
      setError(asCommandError(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!agent) return;
    try {
      onDeleted(await api.deleteAgent(agent.key));
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  return (
    <form
      className="catalog-detail"
      aria-label={agent ? `Agent ${agent.key}` : "New agent"}
      data-testid="agent-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <header className="detail-head">
        <h2>{agent ? agent.name : "New agent"}</h2>
        {agent && <span className="key-chip">{agent.key}</span>}
        <div className="spacer" />
        {agent && (
          <button type="button" className="danger" data-testid="delete-agent" onClick={remove} title="Its tasks become unassigned">
            Delete
          </button>
        )}
      </header>
      {error && !namesAField(error, [...AGENT_FIELDS, "key"]) && (
        <div className="banner error" role="alert" data-testid="agent-error">
          {error.message}
        </div>
      )}
      <div className="grid">
        {!agent && <TextField wide id="agent-key" label="Key (blank: next free AG-n)" value={newKey} error={fieldError("key")} onChange={setNewKey} />}
        <TextField wide id="agent-name" label="Name" value={form.name} error={fieldError("name")} onChange={(v) => set("name", v)} autoFocus={!agent} />
        <TextField id="agent-capacity" label="Capacity (hours)" numeric value={form.capacity} error={fieldError("capacity")} onChange={(v) => set("capacity", v)} />
        <TextField id="agent-experience" label="Experience (points)" numeric value={form.experience} error={fieldError("experience")} onChange={(v) => set("experience", v)} />
        <div className="field">
          <span className="label">Availability</span>
          <label className="check">
            <input type="checkbox" checked={form.active} data-testid="agent-active" onChange={(e) => set("active", e.target.checked)} /> Active: takes tasks
          </label>
          <FieldError id="error-agent-active" message={fieldError("active")} />
        </div>
        {agent && (
          <div className="field">
            <span className="label">Workload (open tasks)</span>
            <span className={isOverCapacity(agent) ? "over" : ""} data-testid="agent-load">
              {loadLabel(agent)} · {agent.open_tasks} open
            </span>
          </div>
        )}
      </div>
      <CapabilityChips name="capabilities" label="Capabilities (level held)" list={form.capabilities} known={capabilities} error={error} onChange={(v) => set("capabilities", v)} />
      <div className="save-bar">
        {changedElsewhere ? (
          <ChangedElsewhere entity="agent" testId="agent-changed-elsewhere" onReload={revert} />
        ) : (
          <span className="muted small" data-testid="agent-save-state">
            {dirty ? "Unsaved changes" : agent ? "All changes saved" : ""}
          </span>
        )}
        <div className="spacer" />
        <button type="button" disabled={!dirty} onClick={revert}>
          Revert
        </button>
        <button type="submit" className="primary" disabled={busy || (!dirty && agent !== null)} data-testid="save-agent">
          {agent ? "Save" : "Create agent"}
        </button>
      </div>
    </form>
  );
}
