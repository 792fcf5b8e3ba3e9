// Editable rows for conditions, effects and metrics: one generic row list, configured
// per kind by its cells. Each row shows the core's message when the error names it.

import { Fragment } from "react";
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
import { isListOp, OPS } from "../lib/values";
import { FieldError } from "./FieldError";

type RowsProps<Row> = {
  name: string;
  label: string;
  rows: Row[];
  error: CommandError | null;
  onChange: (rows: Row[]) => void;
};

/** One cell of a row: a text input, or a select when it has options. */
type Cell<Row> = {
  cell: keyof Row & string;
  /** How the cell is named to assistive technology after the row's label and number. */
  ariaName: string;
  placeholder?: (row: Row) => string;
  options?: { value: string; label: string }[];
  numeric?: boolean;
  /** A fixed sign shown before the cell (`:=` before an effect's value). */
  prefix?: string;
};

type RowListProps<Row> = RowsProps<Row> & {
  cells: Cell<Row>[];
  empty: Row;
  addLabel: string;
  className?: string;
};

function update<Row>(rows: Row[], index: number, patch: Partial<Row>): Row[] {
  return rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
}

function cellClass(error: CommandError | null, name: string, index: number, cell: string) {
  return rowErrorCell(error, name, index) === cell ? "invalid" : undefined;
}

/** A list of rows of cells, with add and remove; the error's row and cell are marked. */
export function RowList<Row extends Record<string, string>>({ name, label, rows, error, onChange, cells, empty, addLabel, className }: RowListProps<Row>) {
  return (
    <fieldset className={`rows${className ? ` ${className}` : ""}`} data-testid={name}>
      <legend>{label}</legend>
      <ul>
        {rows.map((row, i) => {
          const message = rowError(error, name, i);
          // The whole row is marked when the error names no single cell of it.
          const whole = message && !rowErrorCell(error, name, i);
          return (
            <li key={i} className={`row-item${message ? " invalid" : ""}${whole ? " whole" : ""}`} data-testid={`${name}-${i}`}>
              <div className="row-cells">
                {cells.map((c) => {
                  const common = {
                    "aria-label": `${label} ${i + 1} ${c.ariaName}`,
                    value: row[c.cell],
                    className: cellClass(error, name, i, c.cell),
                    "data-testid": `${name}-${i}-${c.cell}`,
                    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
                      onChange(update(rows, i, { [c.cell]: e.target.value } as Partial<Row>)),
                  };
                  return (
                    <Fragment key={c.cell}>
                      {c.prefix && (
                        <span className="op-fixed" aria-hidden="true">
                          {c.prefix}
                        </span>
                      )}
                      {c.options ? (
                        <select {...common}>
                          {c.options.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input {...common} placeholder={c.placeholder?.(row)} inputMode={c.numeric ? "decimal" : undefined} />
                      )}
                    </Fragment>
                  );
                })}
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove row ${i + 1}`}
                  data-testid={`${name}-${i}-remove`}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>
              <FieldError id={`error-${name}-${i}`} message={message} />
            </li>
          );
        })}
      </ul>
      <button type="button" className="link" data-testid={`${name}-add`} onClick={() => onChange([...rows, { ...empty }])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

const CONDITION_CELLS: Cell<ConditionRow>[] = [
  { cell: "key", ariaName: "fact", placeholder: () => "fact, e.g. stock.days" },
  { cell: "op", ariaName: "operator", options: OPS.map((o) => ({ value: o.op, label: o.label })) },
  { cell: "value", ariaName: "value", placeholder: (row) => (isListOp(row.op) ? "a, b, c" : 'true, 21, eu, "21"') },
];

const EFFECT_CELLS: Cell<EffectRow>[] = [
  { cell: "key", ariaName: "fact", placeholder: () => "fact, e.g. store.live" },
  { cell: "value", ariaName: "value", placeholder: () => "true, 21, eu", prefix: ":=" },
];

const METRIC_CELLS: Cell<MetricRow>[] = [
  { cell: "name", ariaName: "name", placeholder: () => "name" },
  { cell: "target", ariaName: "target", placeholder: () => "target", numeric: true },
  { cell: "current", ariaName: "current", placeholder: () => "current", numeric: true },
  { cell: "unit", ariaName: "unit", placeholder: () => "unit" },
];

export function ConditionRows(props: RowsProps<ConditionRow>) {
  return <RowList {...props} cells={CONDITION_CELLS} empty={EMPTY_CONDITION} addLabel="+ Add condition" />;
}

export function EffectRows(props: RowsProps<EffectRow>) {
  return <RowList {...props} cells={EFFECT_CELLS} empty={EMPTY_EFFECT} addLabel="+ Add effect" />;
}

export function MetricRows(props: RowsProps<MetricRow>) {
  return <RowList {...props} cells={METRIC_CELLS} empty={EMPTY_METRIC} addLabel="+ Add metric" className="metrics" />;
}
