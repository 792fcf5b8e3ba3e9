import type { GoalFailure } from "../generated/GoalFailure";
import type { Node } from "../generated/Node";
import { goalFailureText, methodFailureText, nestedFailure } from "../lib/reasons";

/** The choices a decomposition made: per goal, the method chosen and the methods skipped (with why). */
export function DecompositionTree({ node, actionName }: { node: Node; actionName: (key: string) => string }) {
  return (
    <li data-goal={node.goal}>
      <span className="key-chip">{node.goal}</span> by method <strong data-testid={`chosen-${node.goal}`}>{node.method}</strong>
      {!node.ordered && <span className="muted small"> (unordered)</span>}
      <ul className="decomp-tree">
        {node.skipped.map((s) => (
          <li key={s.method} className="skipped" data-testid={`skipped-${s.method}`}>
            <strong>{s.method}</strong>: {methodFailureText(s.failure)}
          </li>
        ))}
        {node.parts.map((p) =>
          p.kind === "action" ? (
            <li key={`a${p.step}`}>
              {p.step + 1}. {actionName(p.action)} <span className="muted small">{p.action}</span>
            </li>
          ) : (
            <DecompositionTree key={`g${p.node.goal}-${p.node.method}`} node={p.node} actionName={actionName} />
          ),
        )}
      </ul>
    </li>
  );
}

/** Why a goal could not be decomposed: every method tried, recursively. */
export function FailureTree({ failure }: { failure: GoalFailure }) {
  return (
    <li>
      <span className="key-chip">{failure.goal}</span> cannot be decomposed: {goalFailureText(failure)}
      {failure.reason.kind === "methods_failed" && (
        <ul className="decomp-tree">
          {failure.reason.attempts.map((a) => {
            const nested = nestedFailure(a.failure);
            return (
              <li key={a.method} data-testid={`failed-${a.method}`}>
                <strong>{a.method}</strong>: {methodFailureText(a.failure)}
                {nested && (
                  <ul className="decomp-tree">
                    <FailureTree failure={nested} />
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
