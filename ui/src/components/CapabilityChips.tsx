import { useId, useState } from "react";
import type { CommandError } from "../api";
import type { CapabilityLevel } from "../generated/CapabilityLevel";
import { addCapability, LEVEL_NAMES, LEVELS, removeCapability, setLevel } from "../lib/capabilityRows";
import { rowError } from "../lib/goalForm";
import { FieldError } from "./FieldError";

type Props = {
  /** The field's name in the core (`capabilities`, `requires`): errors name it. */
  name: string;
  label: string;
  list: CapabilityLevel[];
  /** Capability names the workspace knows, offered while typing. */
  known: string[];
  error: CommandError | null;
  onChange: (list: CapabilityLevel[]) => void;
};

/** Capabilities with their levels as chips: add one, change a level, remove one. */
export function CapabilityChips({ name, label, list, known, error, onChange }: Props) {
  const [newName, setNewName] = useState("");
  const [newLevel, setNewLevel] = useState(3);
  const listId = useId();
  const wholeList = error?.field === name ? error.message : undefined;

  const add = () => {
    if (newName.trim() === "") return;
    onChange(addCapability(list, newName, newLevel));
    setNewName("");
  };

  return (
    <fieldset className="rows capability-chips" data-testid={name}>
      <legend>{label}</legend>
      <ul className="chip-list">
        {list.map((c, i) => {
          const message = rowError(error, name, i);
          return (
            <li key={c.capability} className={`chip editable${message ? " invalid" : ""}`} data-testid={`${name}-chip-${c.capability}`}>
              <span className="chip-name">{c.capability}</span>
              <select
                aria-label={`${c.capability} level`}
                title={LEVEL_NAMES[c.level]}
                value={c.level}
                data-testid={`${name}-${i}-level`}
                onChange={(e) => onChange(setLevel(list, c.capability, Number(e.target.value)))}
              >
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${c.capability}`}
                data-testid={`${name}-${i}-remove`}
                onClick={() => onChange(removeCapability(list, c.capability))}
              >
                ×
              </button>
              {message && <FieldError id={`error-${name}-${i}`} message={`${c.capability}: ${message}`} />}
            </li>
          );
        })}
        {list.length === 0 && <li className="muted small">none</li>}
      </ul>
      <div className="chip-add">
        <input
          aria-label={`New ${label.toLowerCase()} name`}
          placeholder="capability, e.g. web-dev"
          list={listId}
          value={newName}
          data-testid={`${name}-new-name`}
          onChange={(e) => setNewName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={listId}>
          {known.filter((k) => !list.some((c) => c.capability === k)).map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        <select aria-label="New capability level" value={newLevel} data-testid={`${name}-new-level`} onChange={(e) => setNewLevel(Number(e.target.value))}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              level {l} · {LEVEL_NAMES[l]}
            </option>
          ))}
        </select>
        <button type="button" data-testid={`${name}-add`} disabled={newName.trim() === ""} onClick={add}>
          Add
        </button>
      </div>
      <FieldError id={`error-${name}`} message={wholeList} />
    </fieldset>
  );
}
