import { percent } from "../lib/reasons";

/** A 0–1 fraction as a bar and a percentage. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const text = percent(value);
  return (
    <>
      <span className="progress-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)}>
        <span style={{ width: text }} />
      </span>
      <span className="progress-label">{text}</span>
    </>
  );
}
