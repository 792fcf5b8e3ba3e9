import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { Method } from "../generated/Method";
import { fieldsFromMethodForm, formFromMethod, NEW_METHOD, type MethodForm as Form } from "../lib/methodForm";
import { conditionText } from "../lib/reasons";
import { MethodForm } from "./MethodForm";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** The HTN methods of one goal, in the order decomposition tries them: list, create, edit, delete. */
export function MethodsEditor({ goal }: { goal: string }) {
  const methods = useLoad(() => api.methods(goal), [goal], READS.methods);
  const goals = useLoad(() => api.goalTree(), [], READS.goal_tree);
  const actions = useLoad(() => api.actions(), [], READS.actions);
  // The method being edited: its key, "new", or nothing.
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  const open = (which: string | null) => {
    setEditing(which);
    setError(null);
  };

  const save = async (form: Form) => {
    const fields = fieldsFromMethodForm(form);
    try {
      if (editing === "new") await api.createMethod(goal, fields);
      else if (editing) await api.updateMethod(editing, fields);
      open(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const remove = async (m: Method) => {
    try {
      await api.deleteMethod(m.key);
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const form = (initial: Form, label: string) => (
    <MethodForm
      initial={initial}
      goals={goals.data ?? []}
      actions={actions.data ?? []}
      error={error}
      saveLabel={label}
      onSave={save}
      onCancel={() => open(null)}
    />
  );

  const list = methods.data ?? [];
  return (
    <section data-testid="methods-editor" aria-label="HTN methods">
      <div className="inline" style={{ marginBottom: 10 }}>
        <span className="muted small">Tried by priority, highest first, then by key; the first that works is used.</span>
        <div className="spacer" />
        <button type="button" data-testid="method-new" disabled={editing !== null} onClick={() => open("new")}>
          + Method
        </button>
      </div>
      {editing === "new" && form(NEW_METHOD, "Create method")}
      {list.length === 0 && editing !== "new" && <p className="muted">This goal has no methods: it cannot be decomposed.</p>}
      {list.map((m) =>
        editing === m.key ? (
          <div key={m.key}>{form(formFromMethod(m), "Save method")}</div>
        ) : (
          <article key={m.key} className="method-card" data-testid={`method-${m.key}`}>
            <div className="inline">
              <span className="key-chip">{m.key}</span>
              <strong>{m.name}</strong>
              <span className="badge priority" title={`Priority ${m.priority} of 10`}>
                P{m.priority}
              </span>
              <span className="muted small">{m.ordered ? "in sequence" : "unordered"}</span>
              <div className="spacer" />
              <button type="button" data-testid={`method-edit-${m.key}`} disabled={editing !== null} onClick={() => open(m.key)}>
                Edit
              </button>
              <button type="button" className="danger" data-testid={`method-delete-${m.key}`} onClick={() => remove(m)}>
                Delete
              </button>
            </div>
            <div className="small" style={{ marginTop: 6 }}>
              <span className="muted">when </span>
              {m.conditions.length === 0 ? <span className="muted">always</span> : m.conditions.map((c) => <code key={c.key}>{conditionText(c)} </code>)}
            </div>
            <ol className="small" style={{ margin: "6px 0 0", paddingLeft: 22 }}>
              {m.subtasks.map((s, i) => (
                <li key={i}>
                  <span className="muted">{s.kind}</span> <span className="key-chip">{s.key}</span>
                </li>
              ))}
            </ol>
          </article>
        ),
      )}
      {error && editing === null && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
