import type { Condition } from "../generated/Condition";
import { formatOperand, OPS } from "../lib/values";

/** Conditions as read-only text: `stock.days ≥ 21`. */
export function ConditionList({ conditions }: { conditions: Condition[] }) {
  if (conditions.length === 0) return <span className="muted small">none</span>;
  return (
    <ul className="plain">
      {conditions.map((c, i) => (
        <li key={i}>
          <code>
            {c.key} {OPS.find((o) => o.op === c.op)?.label ?? c.op} {formatOperand(c.value)}
          </code>
        </li>
      ))}
    </ul>
  );
}
