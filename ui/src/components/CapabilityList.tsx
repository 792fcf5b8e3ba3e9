import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { Capability } from "../generated/Capability";
import { FieldError } from "./FieldError";

/** The workspace's capability names: create one, rename one everywhere, delete an unused one. */
export function CapabilityList({ capabilities }: { capabilities: Capability[] }) {
  const [renaming, setRenaming] = useState<{ name: string; to: string } | null>(null);
  const [newName, setNewName] = useState("");
  // The refusal, beside the capability (or the new-name field, "") it is about.
  const [problem, setProblem] = useState<{ at: string; error: CommandError } | null>(null);

  const act = async (at: string, gesture: () => Promise<unknown>, after: () => void) => {
    try {
      await gesture();
      setProblem(null);
      after();
    } catch (e) {
      setProblem({ at, error: asCommandError(e) });
    }
  };

  return (
    <section className="capabilities" aria-labelledby="capabilities-heading" data-testid="capability-list">
      <h3 id="capabilities-heading">Capabilities</h3>
      <ul className="plain">
        {capabilities.map((c) => (
          <li key={c.name} className="capability-row" data-testid={`capability-${c.name}`}>
            {renaming?.name === c.name ? (
              <>
                <input
                  aria-label={`New name for ${c.name}`}
                  value={renaming.to}
                  autoFocus
                  data-testid={`capability-${c.name}-new-name`}
                  onChange={(e) => setRenaming({ name: c.name, to: e.target.value })}
                />
                <button type="button" onClick={() => act(c.name, () => api.renameCapability(c.name, renaming.to.trim()), () => setRenaming(null))}>
                  Rename
                </button>
                <button type="button" className="link" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </>
            ) : (
              <>
                <span className="chip">{c.name}</span>
                <span className="muted small">
                  {c.agents} agent{c.agents === 1 ? "" : "s"} · {c.actions} action{c.actions === 1 ? "" : "s"}
                </span>
                <div className="spacer" />
                <button type="button" className="link" onClick={() => setRenaming({ name: c.name, to: c.name })}>
                  Rename
                </button>
                <button type="button" className="link" data-testid={`capability-${c.name}-delete`} onClick={() => act(c.name, () => api.deleteCapability(c.name), () => {})}>
                  Delete
                </button>
              </>
            )}
            <FieldError id={`error-capability-${c.name}`} message={problem?.at === c.name ? problem.error.message : undefined} />
          </li>
        ))}
      </ul>
      <div className="chip-add">
        <input aria-label="New capability" placeholder="new capability" value={newName} data-testid="capability-new" onChange={(e) => setNewName(e.target.value)} />
        <button type="button" disabled={newName.trim() === ""} onClick={() => act("", () => api.createCapability(newName.trim()), () => setNewName(""))}>
          Add
        </button>
      </div>
      <FieldError id="error-capability-new" message={problem?.at === "" ? problem.error.message : undefined} />
    </section>
  );
}
