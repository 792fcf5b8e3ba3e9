import type { LayoutProgress } from "../generated/LayoutProgress";

const PHASE: Record<LayoutProgress["phase"], string> = {
  layering: "Layering",
  ordering: "Ordering",
  routing: "Placing",
  done: "Drawing",
};

/** How far the core's layout of a big graph has got. */
export function LayoutProgressBar({ progress }: { progress: LayoutProgress }) {
  return (
    <div className="layout-progress" data-testid="layout-progress">
      <span className="muted small">{PHASE[progress.phase]}…</span>
      <progress max={progress.total} value={progress.done} />
    </div>
  );
}
