import { Logo } from "./Logo";

type Props = { databasePath: string; onLoadDemo: () => void; onStartEmpty: () => void };

/** What a first run shows: nothing planned yet, and two ways to start. */
export function EmptyWorkspace({ databasePath, onLoadDemo, onStartEmpty }: Props) {
  return (
    <div className="empty-workspace" data-testid="empty-workspace">
      <Logo size={72} />
      <h2>This workspace is empty</h2>
      <p>
        Load the demo — an online retailer run by software agents, with goals, plans, agents and tasks in every state — or
        start with your first goal.
      </p>
      <div className="actions">
        <button type="button" className="primary" data-testid="load-demo" onClick={onLoadDemo}>
          Load demo workspace
        </button>
        <button type="button" data-testid="start-empty" onClick={onStartEmpty}>
          Start with a new goal
        </button>
      </div>
      {databasePath && <p className="muted small">Workspace file: {databasePath}</p>}
    </div>
  );
}
