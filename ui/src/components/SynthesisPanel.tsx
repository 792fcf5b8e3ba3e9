import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { SearchMode } from "../generated/SearchMode";
import type { SearchProgress } from "../generated/SearchProgress";
import type { SynthesisResult } from "../generated/SynthesisResult";
import { errorFor } from "../lib/goalForm";
import { searchProgressText, synthesisText } from "../lib/reasons";
import { parseNumber } from "../lib/values";
import { FieldError } from "./FieldError";
import { ProgressBar } from "./ProgressBar";

/**
 * Searches the action library for a plan that reaches the goal's postconditions (A* for
 * the cheapest, greedy for a quick one), shows what it found or why nothing, and saves
 * a found plan as a draft (one undoable step). The search runs without holding the
 * database: the rest of the window keeps working, a bar shows how far it is, and Cancel
 * stops it.
 */
export function SynthesisPanel({ goal }: { goal: string }) {
  const [mode, setMode] = useState<SearchMode>("optimal");
  const [maxNodes, setMaxNodes] = useState("100000");
  const [timeLimit, setTimeLimit] = useState("10000");
  const [agentsOnly, setAgentsOnly] = useState(false);
  const [fromWorld, setFromWorld] = useState(false);
  const [result, setResult] = useState<SynthesisResult | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<SearchProgress | null>(null);
  const [saved, setSaved] = useState("");

  const run = async () => {
    setBusy(true);
    setSaved("");
    setProgress(null);
    try {
      const start = fromWorld ? await api.worldState() : null;
      const r = await api.synthesizePlan(goal, {
        mode,
        // The core's default: LM-cut for an optimal search, h_add for a greedy one.
        heuristic: null,
        max_nodes: parseNumber(maxNodes),
        time_limit_ms: parseNumber(timeLimit),
        start,
        agents_only: agentsOnly,
      }, setProgress);
      setResult(r);
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const cancel = () => {
    api.cancelSynthesis().catch((e) => setError(asCommandError(e)));
  };

  const save = async () => {
    if (!result) return;
    try {
      const plan = await api.createSynthesizedPlan(goal, result);
      setSaved(`Saved as draft plan ${plan.key}.`);
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const plan = result?.outcome.kind === "found" ? result.outcome.plan : null;
  const optionError = error?.field === "max_nodes" || error?.field === "time_limit_ms";
  return (
    <section data-testid="synthesis-panel" aria-label="Synthesize a plan">
      <div className="options">
        <label>
          Search
          <select value={mode} data-testid="synth-mode" onChange={(e) => setMode(e.target.value as SearchMode)}>
            <option value="optimal">A* — cheapest plan</option>
            <option value="greedy">Greedy — quick, may cost more</option>
          </select>
        </label>
        <label>
          Max nodes
          <input
            type="number"
            min={1}
            value={maxNodes}
            data-testid="synth-max-nodes"
            aria-invalid={error?.field === "max_nodes"}
            aria-describedby="error-max_nodes"
            onChange={(e) => setMaxNodes(e.target.value)}
          />
        </label>
        <label>
          Time limit (ms)
          <input
            type="number"
            min={1}
            value={timeLimit}
            data-testid="synth-time-limit"
            aria-invalid={error?.field === "time_limit_ms"}
            aria-describedby="error-time_limit_ms"
            onChange={(e) => setTimeLimit(e.target.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={agentsOnly} data-testid="synth-agents-only" onChange={(e) => setAgentsOnly(e.target.checked)} />
          Only actions active agents can do
        </label>
        <label className="check">
          <input type="checkbox" checked={fromWorld} data-testid="synth-from-world" onChange={(e) => setFromWorld(e.target.checked)} />
          Start from the recorded world state
        </label>
        <button type="button" className="primary" data-testid="synth-run" disabled={busy} onClick={run}>
          {busy ? "Searching…" : "Synthesize"}
        </button>
      </div>
      {busy && <SearchProgressLine progress={progress} onCancel={cancel} />}
      <FieldError id="error-max_nodes" message={errorFor(error, "max_nodes")} />
      <FieldError id="error-time_limit_ms" message={errorFor(error, "time_limit_ms")} />
      <p className="muted small">
        Start state: {fromWorld ? "the recorded world state" : "the goal's = preconditions"}. Target: the goal's postconditions.
      </p>

      {result && (
        <div className={`result${plan ? "" : " none"}`} data-testid="synth-result">
          <strong data-testid="synth-summary">{plan ? `Plan found by ${result.mode === "optimal" ? "A*" : "greedy search"}: ` : ""}{synthesisText(result)}</strong>
          <div className="muted small">
            {result.actions_considered} actions considered · {result.nodes_generated} states generated
          </div>
          {plan && (
            <>
              <table className="table" style={{ marginTop: 8 }}>
                <thead>
                  <tr>
                    <th>Step</th>
                    <th>Action</th>
                    <th className="num">Cost</th>
                    <th>After</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.steps.map((s) => (
                    <tr key={s.key}>
                      <td>
                        <span className="key-chip">{s.key}</span>
                      </td>
                      <td>
                        {s.name} <span className="muted small nowrap">{s.action}</span>
                      </td>
                      <td className="num">{s.cost}</td>
                      <td>
                        {plan.edges
                          .filter((e) => e.after === s.key)
                          .map((e) => e.before)
                          .join(", ") || <span className="muted">—</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="inline" style={{ marginTop: 8 }}>
                <button type="button" data-testid="synth-save" onClick={save}>
                  Save as plan
                </button>
                <span className="muted small" role="status" data-testid="synth-saved">
                  {saved}
                </span>
              </div>
            </>
          )}
        </div>
      )}
      {error && !optionError && (
        <p className="field-error" role="alert" data-testid="synth-error">
          {error.message}
        </p>
      )}
    </section>
  );
}

/** The running search: a bar towards its nearer limit, what it has done so far, Cancel. */
function SearchProgressLine({ progress, onCancel }: { progress: SearchProgress | null; onCancel: () => void }) {
  const { fraction, text } = progress ? searchProgressText(progress) : { fraction: 0, text: "Reading the goal and the library…" };
  return (
    <div className="inline synth-progress" data-testid="synth-progress">
      <ProgressBar value={fraction} label="Search progress towards its limit" />
      <span className="muted small" data-testid="synth-progress-text">
        {text}
      </span>
      <button type="button" data-testid="synth-cancel" onClick={onCancel} title="Stop the search; nothing is saved">
        Cancel
      </button>
    </div>
  );
}
