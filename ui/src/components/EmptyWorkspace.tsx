import { Logo } from "./Logo";

type Props = {
  databasePath: string;
  /** Databases opened lately, newest first (the open one may be among them). */
  recent: string[];
  onOpenRecent: (index: number) => void;
  onLoadDemo: () => void;
  onStartEmpty: () => void;
};

/** What a first run shows: nothing planned yet, two ways to start, and the databases opened lately. */
export function EmptyWorkspace({ databasePath, recent, onOpenRecent, onLoadDemo, onStartEmpty }: Props) {
  const others = recent.map((path, index) => ({ path, index })).filter(({ path }) => path !== databasePath);
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
      {others.length > 0 && (
        <nav className="recent-databases" aria-label="Recent databases" data-testid="recent-databases">
          <h3>Or open one of your recent databases</h3>
          <ul>
            {others.map(({ path, index }) => (
              <li key={path}>
                <button type="button" className="link" data-testid={`open-recent-${index}`} onClick={() => onOpenRecent(index)} title={path}>
                  {path}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
