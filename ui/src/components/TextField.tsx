import { FieldError } from "./FieldError";

type Props = {
  /** The input's id; its error's test id is `error-<id>`. */
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  type?: "text" | "datetime-local";
  numeric?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  /** Spans the whole row of a form grid. */
  wide?: boolean;
};

/** A labelled input with the core's message beside it. */
export function TextField({ id, label, value, error, onChange, type = "text", numeric, placeholder, autoFocus, wide }: Props) {
  return (
    <div className={`field${wide ? " wide" : ""}${error ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        inputMode={numeric ? "decimal" : undefined}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `error-${id}` : undefined}
        data-testid={id}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={`error-${id}`} message={error} />
    </div>
  );
}
