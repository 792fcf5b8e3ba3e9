import { useEffect, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { BrokerState } from "../generated/BrokerState";
import type { BrokerStatus } from "../generated/BrokerStatus";
import { FieldError } from "./FieldError";
import "./intelligence.css";

const STATE: Record<BrokerState, string> = {
  disconnected: "Disconnected",
  connecting: "Connecting…",
  connected: "Connected",
};

/** How often the view asks how the bridge stands while it is open. */
const POLL_MS = 1000;

/**
 * The NATS JetStream bridge (docs/bridge.md): the server's URL, connect and disconnect,
 * and how it stands — connected or not, events waiting to be sent, agent reports
 * applied, the last error. What agents report shows everywhere else as it arrives,
 * named in the notice beside the toolbar.
 */
export function BrokerView() {
  const [status, setStatus] = useState<BrokerStatus | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => {
    let live = true;
    const poll = () =>
      api.brokerStatus().then(
        (s) => {
          if (!live) return;
          setStatus(s);
          // The remembered URL fills the field until the operator types another.
          setUrl((typed) => typed ?? s.url);
        },
        (e) => live && setError(asCommandError(e)),
      );
    poll();
    const timer = window.setInterval(poll, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);

  const act = async (work: () => Promise<BrokerStatus>) => {
    try {
      setStatus(await work());
      setError(null);
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  const running = status !== null && status.state !== "disconnected";
  const urlError = error?.field === "url" ? error.message : undefined;
  return (
    <div className="broker" data-testid="broker">
      <form
        className="broker-connect"
        onSubmit={(e) => {
          e.preventDefault();
          act(() => api.brokerConnect(url ?? ""));
        }}
      >
        <div className="field">
          <label htmlFor="broker-url">NATS server</label>
          <input
            id="broker-url"
            data-testid="broker-url"
            value={url ?? ""}
            placeholder="nats://127.0.0.1:4222"
            spellCheck={false}
            aria-invalid={!!urlError}
            aria-describedby="error-broker-url"
            onChange={(e) => setUrl(e.target.value)}
          />
          <FieldError id="error-broker-url" message={urlError} />
        </div>
        <div className="inline">
          <button type="submit" className="primary" data-testid="broker-connect">
            {running ? "Reconnect" : "Connect"}
          </button>
          <button type="button" data-testid="broker-disconnect" disabled={!running} onClick={() => act(() => api.brokerDisconnect())}>
            Disconnect
          </button>
        </div>
      </form>
      {error && !urlError && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {status && (
        <dl className="facts broker-status" data-testid="broker-status">
          <dt>State</dt>
          <dd>
            <span className={`badge broker-${status.state}`} data-testid="broker-state" data-state={status.state}>
              {STATE[status.state]}
            </span>
          </dd>
          <dt>Events waiting to be sent</dt>
          <dd data-testid="broker-events-waiting">{status.events_waiting}</dd>
          <dt>Agent reports applied</dt>
          <dd data-testid="broker-reports-applied">{status.reports_applied}</dd>
          <dt>Database</dt>
          <dd className="small">{status.database ?? <span className="muted">— (not running)</span>}</dd>
          <dt>Last error</dt>
          <dd data-testid="broker-last-error">{status.last_error ?? <span className="muted">none</span>}</dd>
        </dl>
      )}
      <p className="muted small">
        The bridge publishes every change to the stream MABOS_PLANNER_EVENTS, offers ready tasks to their agents on
        mabos.agents.&lt;agent&gt;.tasks and applies what they report as their own changes (your undo leaves them alone). While it is
        away, events wait in the database and are sent when it connects again. The server and whether to connect are remembered.
      </p>
    </div>
  );
}
