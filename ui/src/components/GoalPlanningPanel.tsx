import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { DecomposePanel } from "./DecomposePanel";
import { MethodsEditor } from "./MethodsEditor";
import { SynthesisPanel } from "./SynthesisPanel";
import "./intelligence.css";

type Tab = "synthesize" | "decompose" | "methods";

const TABS: { id: Tab; label: string }[] = [
  { id: "synthesize", label: "Synthesize" },
  { id: "decompose", label: "Decompose (HTN)" },
  { id: "methods", label: "Methods" },
];

/** A drawer over the view: plan a goal by search, by its HTN methods, or edit those methods. */
export function GoalPlanningPanel({ goal, title, onClose }: { goal: string; title: string; onClose: () => void }) {
  const [tab, setTab] = useState<Tab>("synthesize");

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  // In a portal, so that its forms are not nested in the goal editor's form; React still
  // bubbles events along the component tree, so the drawer keeps its submits and Ctrl+S
  // from reaching the editor (which would save the goal).
  return createPortal(
    <div
      className="drawer-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onSubmit={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
    >
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="planning-title" data-testid="goal-planning">
        <header className="drawer-head">
          <span className="key-chip">{goal}</span>
          <h2 id="planning-title">Plan “{title}”</h2>
          <div className="spacer" />
          <button type="button" data-testid="planning-close" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`tab-${t.id}`} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <div className="drawer-body">
          {tab === "synthesize" && <SynthesisPanel goal={goal} />}
          {tab === "decompose" && <DecomposePanel goal={goal} />}
          {tab === "methods" && <MethodsEditor goal={goal} />}
        </div>
      </aside>
    </div>,
    document.body,
  );
}

/** The one button that opens the drawer for a goal. */
export function PlanGoalButton({ goal, title }: { goal: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="plan-goal" title="Synthesize or decompose a plan for this goal; edit its HTN methods" onClick={() => setOpen(true)}>
        Plan…
      </button>
      {open && <GoalPlanningPanel goal={goal} title={title} onClose={() => setOpen(false)} />}
    </>
  );
}
