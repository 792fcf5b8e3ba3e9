import { useEffect, useRef, useState } from "react";
import { boxBetween, isBox, keysInBox, type Box } from "../lib/selection";

/**
 * Rubber-band selection over a container: a drag that starts on its background (not on
 * an item, a control or a field) draws a box, and on release `onSelect` gets the keys of
 * the items (elements with `data-key` inside the container) the box touches, and whether
 * Ctrl, Cmd or Shift was held (add to the selection instead of replacing it). A press
 * without a drag is a click on the background: `onSelect([], false)` clears.
 */
export function useBoxSelect(onSelect: (keys: string[], add: boolean) => void) {
  const container = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box | null>(null);
  const start = useRef<{ x: number; y: number; add: boolean } | null>(null);
  const latest = useRef(onSelect);
  latest.current = onSelect;

  useEffect(() => {
    const move = (e: PointerEvent) => {
      if (start.current) setBox(boxBetween(start.current, { x: e.clientX, y: e.clientY }));
    };
    const up = (e: PointerEvent) => {
      const from = start.current;
      if (!from) return;
      start.current = null;
      setBox(null);
      const dragged = boxBetween(from, { x: e.clientX, y: e.clientY });
      if (!isBox(dragged)) return latest.current([], false);
      const items = [...(container.current?.querySelectorAll<HTMLElement>("[data-key]") ?? [])].map((el) => {
        const r = el.getBoundingClientRect();
        return { key: el.dataset.key!, rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } };
      });
      latest.current(keysInBox(items, dragged), from.add);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
  }, []);

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const target = e.target as HTMLElement;
    if (target.closest("[data-key], button, a, input, select, textarea, label")) return;
    start.current = { x: e.clientX, y: e.clientY, add: e.ctrlKey || e.metaKey || e.shiftKey };
    e.preventDefault();
  };

  return { container, box, onPointerDown };
}

/** The box being drawn, in the viewport's coordinates. */
export function SelectionBox({ box }: { box: Box | null }) {
  if (!box || !isBox(box)) return null;
  return <div className="selection-box" aria-hidden="true" data-testid="selection-box" style={{ left: box.left, top: box.top, width: box.right - box.left, height: box.bottom - box.top }} />;
}
