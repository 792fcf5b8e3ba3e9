// Editable rows for a goal's conditions, effects and metrics: each row shows the
// core's message when the error names it.

import type { CommandError } from "../api";
import {
  EMPTY_CONDITION,
  EMPTY_EFFECT,
  EMPTY_METRIC,
  rowError,
  rowErrorCell,
  type ConditionRow,
  type EffectRow,
  type MetricRow,
} from "../lib/goalForm";
import { OPS } from "../lib/values";
import type { Op } from "../generated/Op";
import { FieldError } from "./FieldError";

type RowsProps<Row> = {
  name: string;
  label: string;
  rows: Row[];
  error: CommandError | null;
  onChange: (rows: Row[]) => void;
};

function update<Row>(rows: Row[], index: number, patch: Partial<Row>): Row[] {
  return rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
}

function RowFrame({
  name,
  index,
  error,
  onRemove,
  children,
}: {
  name: string;
  index: number;
  error: CommandError | null;
  onRemove: () => void;
  children: React.ReactNode;
}) {
  const message = rowError(error, name, index);
  // The whole row is marked when the error names no single cell of it.
  const whole = message && !rowErrorCell(error, name, index);
  return (
    <li className={`row-item${message ? " invalid" : ""}${whole ? " whole" : ""}`} data-testid={`${name}-${index}`}>
      <div className="row-cells">
        {children}
        <button type="button" className="icon" aria-label={`Remove row ${index + 1}`} data-testid={`${name}-${index}-remove`} onClick={onRemove}>
          ×
        </button>
      </div>
      <FieldError id={`error-${name}-${index}`} message={message} />
    </li>
  );
}

function cellClass(error: CommandError | null, name: string, index: number, cell: string) {
  return rowErrorCell(error, name, index) === cell ? "invalid" : undefined;
}

export function ConditionRows({ name, label, rows, error, onChange }: RowsProps<ConditionRow>) {
  return (
    <fieldset className="rows" data-testid={name}>
      <legend>{label}</legend>
      <ul>
        {rows.map((row, i) => (
          <RowFrame key={i} name={name} index={i} error={error} onRemove={() => onChange(rows.filter((_, j) => j !== i))}>
            <input
              aria-label={`${label} ${i + 1} fact`}
              placeholder="fact, e.g. stock.days"
              value={row.key}
              className={cellClass(error, name, i, "key")}
              data-testid={`${name}-${i}-key`}
              onChange={(e) => onChange(update(rows, i, { key: e.target.value }))}
            />
            <select
              aria-label={`${label} ${i + 1} operator`}
              value={row.op}
              className={cellClass(error, name, i, "op")}
              data-testid={`${name}-${i}-op`}
              onChange={(e) => onChange(update(rows, i, { op: e.target.value as Op }))}
            >
              {OPS.map((o) => (
                <option key={o.op} value={o.op}>
                  {o.label}
                </option>
              ))}
            </select>
            <input
              aria-label={`${label} ${i + 1} value`}
              placeholder={row.op === "in" || row.op === "not_in" ? "a, b, c" : "true, 21, eu, \"21\""}
              value={row.value}
              className={cellClass(error, name, i, "value")}
              data-testid={`${name}-${i}-value`}
              onChange={(e) => onChange(update(rows, i, { value: e.target.value }))}
            />
          </RowFrame>
        ))}
      </ul>
      <button type="button" className="link" data-testid={`${name}-add`} onClick={() => onChange([...rows, { ...EMPTY_CONDITION }])}>
        + Add condition
      </button>
    </fieldset>
  );
}

export function EffectRows({ name, label, rows, error, onChange }: RowsProps<EffectRow>) {
  return (
    <fieldset className="rows" data-testid={name}>
      <legend>{label}</legend>
      <ul>
        {rows.map((row, i) => (
          <RowFrame key={i} name={name} index={i} error={error} onRemove={() => onChange(rows.filter((_, j) => j !== i))}>
            <input
              aria-label={`${label} ${i + 1} fact`}
              placeholder="fact, e.g. store.live"
              value={row.key}
              className={cellClass(error, name, i, "key")}
              data-testid={`${name}-${i}-key`}
              onChange={(e) => onChange(update(rows, i, { key: e.target.value }))}
            />
            <span className="op-fixed" aria-hidden="true">
              :=
            </span>
            <input
              aria-label={`${label} ${i + 1} value`}
              placeholder="true, 21, eu"
              value={row.value}
              className={cellClass(error, name, i, "value")}
              data-testid={`${name}-${i}-value`}
              onChange={(e) => onChange(update(rows, i, { value: e.target.value }))}
            />
          </RowFrame>
        ))}
      </ul>
      <button type="button" className="link" data-testid={`${name}-add`} onClick={() => onChange([...rows, { ...EMPTY_EFFECT }])}>
        + Add effect
      </button>
    </fieldset>
  );
}

export function MetricRows({ name, label, rows, error, onChange }: RowsProps<MetricRow>) {
  const cells: { cell: keyof MetricRow; placeholder: string; numeric?: boolean }[] = [
    { cell: "name", placeholder: "name" },
    { cell: "target", placeholder: "target", numeric: true },
    { cell: "current", placeholder: "current", numeric: true },
    { cell: "unit", placeholder: "unit" },
  ];
  return (
    <fieldset className="rows metrics" data-testid={name}>
      <legend>{label}</legend>
      <ul>
        {rows.map((row, i) => (
          <RowFrame key={i} name={name} index={i} error={error} onRemove={() => onChange(rows.filter((_, j) => j !== i))}>
            {cells.map(({ cell, placeholder, numeric }) => (
              <input
                key={cell}
                aria-label={`${label} ${i + 1} ${cell}`}
                placeholder={placeholder}
                inputMode={numeric ? "decimal" : undefined}
                value={row[cell]}
                className={cellClass(error, name, i, cell)}
                data-testid={`${name}-${i}-${cell}`}
                onChange={(e) => onChange(update(rows, i, { [cell]: e.target.value }))}
              />
            ))}
          </RowFrame>
        ))}
      </ul>
      <button type="button" className="link" data-testid={`${name}-add`} onClick={() => onChange([...rows, { ...EMPTY_METRIC }])}>
        + Add metric
      </button>
    </fieldset>
  );
}
