import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import { errorFor } from "../lib/goalForm";
import { valueText } from "../lib/reasons";
import { parseValue } from "../lib/values";
import { FieldError } from "./FieldError";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";

/** The recorded world state: every fact, with set and unset (each one undoable step). */
export function WorldFacts() {
  const facts = useLoad(() => api.worldState(), [], READS.world_state);
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<CommandError | null>(null);

  const set = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.setFact(key.trim(), parseValue(value));
      setError(null);
      setKey("");
      setValue("");
    } catch (err) {
      setError(asCommandError(err));
    }
  };

  const unset = async (fact: string) => {
    try {
      await api.unsetFact(fact);
      setError(null);
    } catch (err) {
      setError(asCommandError(err));
    }
  };

  const rows = Object.entries(facts.data ?? {});
  const keyError = errorFor(error, "key") ?? (error && !error.field ? error.message : undefined);
  return (
    <div className="watch-card" data-testid="world-facts">
      <h3>
        World state <span className="count">{rows.length} facts</span>
      </h3>
      <table className="table facts-table">
        <thead>
          <tr>
            <th>Fact</th>
            <th>Value</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k} data-fact={k}>
              <td>
                <code>{k}</code>
              </td>
              <td>
                <button type="button" className="link" title="Edit this fact" onClick={() => (setKey(k), setValue(valueText(v)))}>
                  <code>{valueText(v)}</code>
                </button>
              </td>
              <td className="num">
                <button type="button" className="icon" aria-label={`Forget ${k}`} data-testid={`unset-${k}`} onClick={() => unset(k)}>
                  ×
                </button>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted small">
                Nothing recorded yet: finished tasks record their actions' effects here.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="row-cells" style={{ marginTop: 8 }} onSubmit={set}>
        <input
          aria-label="Fact"
          placeholder="fact, e.g. warehouse.open"
          value={key}
          aria-invalid={!!keyError}
          aria-describedby="error-fact-key"
          data-testid="fact-key"
          onChange={(e) => setKey(e.target.value)}
        />
        <input
          aria-label="Value"
          placeholder="true, 21, eu"
          value={value}
          aria-invalid={!!errorFor(error, "value")}
          aria-describedby="error-fact-value"
          data-testid="fact-value"
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" data-testid="fact-set">
          Set
        </button>
      </form>
      <FieldError id="error-fact-key" message={keyError} />
      <FieldError id="error-fact-value" message={errorFor(error, "value")} />
    </div>
  );
}
