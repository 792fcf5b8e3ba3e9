// The action library beside a plan's canvas. Dragging an action (pointer events, so
// that it works in WebKitGTK and under WebDriver) and dropping it on the canvas adds
// a step that uses it; the core's layout then decides where the step goes.

import { useEffect, useState } from "react";
import type { Action } from "../generated/Action";
import { inside } from "../lib/graphLayout";

type Props = {
  actions: Action[];
  dropTarget: React.RefObject<HTMLElement | null>;
  onDrop: (action: string) => void;
};

type Drag = { action: Action; x: number; y: number; over: boolean };

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function ActionPalette({ actions, dropTarget, onDrop }: Props) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const overTarget = (x: number, y: number) => {
    const box = dropTarget.current?.getBoundingClientRect();
    return !!box && inside(box, x, y);
  };

  useEffect(() => {
    if (!drag) return;
    const move = (e: PointerEvent) => setDrag((d) => d && { ...d, x: e.clientX, y: e.clientY, over: overTarget(e.clientX, e.clientY) });
    const up = (e: PointerEvent) => {
      setDrag(null);
      if (overTarget(e.clientX, e.clientY)) onDrop(drag.action.key);
    };
    const cancel = (e: KeyboardEvent) => e.key === "Escape" && setDrag(null);
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("keydown", cancel);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("keydown", cancel);
    };
    // Listeners follow one drag: re-made only when a drag starts or ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drag?.action.key]);

  useEffect(() => {
    dropTarget.current?.classList.toggle("drop-ready", !!drag?.over);
  }, [drag?.over, dropTarget]);

  return (
    // Focusable so that a keyboard can scroll a long library.
    <aside className="palette" aria-label="Action library" data-testid="action-palette" tabIndex={0}>
      <h3>Actions</h3>
      <p className="muted small">Drag onto the plan to add a step.</p>
      {actions.length === 0 && <p className="muted small">The action library is empty.</p>}
      <ul>
        {actions.map((a) => (
          <li
            key={a.key}
            className={`palette-item${drag?.action.key === a.key ? " dragging" : ""}`}
            data-testid="palette-action"
            data-key={a.key}
            title={a.description || a.name}
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              e.preventDefault();
              setDrag({ action: a, x: e.clientX, y: e.clientY, over: false });
            }}
          >
            <span className="palette-name">{a.name}</span>
            <span className="muted small">
              ¤ {number.format(a.cost)} · {number.format(a.duration)} h
            </span>
          </li>
        ))}
      </ul>
      {drag && (
        <div className="palette-ghost" style={{ left: drag.x, top: drag.y }} aria-hidden="true">
          {drag.action.name}
        </div>
      )}
    </aside>
  );
}
