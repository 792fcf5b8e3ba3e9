// Fit view for the canvases, set at once from the layout's own positions: xyflow's own
// fitView waits for the next node update, and a click could be lost behind a busy start.

import { ControlButton, Controls, useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import type { Point } from "../lib/graphLayout";
import { fitView, type Size } from "../lib/openingView";

/** A canvas's size on screen; zero before it is laid out. */
export const canvasSize = (box: React.RefObject<HTMLDivElement | null>): Size => box.current?.getBoundingClientRect() ?? { width: 0, height: 0 };

/** Fit view for nodes of one size at `corners`, in the canvas `box`; does nothing before a layout. */
export function useFitAll(corners: ReadonlyMap<string, Point> | null, node: Size, box: React.RefObject<HTMLDivElement | null>, minZoom: number, maxZoom: number) {
  const flow = useReactFlow();
  return useCallback(() => {
    if (!corners) return;
    void flow.setViewport(fitView([...corners.values()], node, canvasSize(box), minZoom, maxZoom));
  }, [corners, node, box, minZoom, maxZoom, flow]);
}

/** xyflow's zoom controls, with the Fit view button calling `onFit`. */
export function CanvasControls({ onFit }: { onFit: () => void }) {
  return (
    <Controls showInteractive={false} showFitView={false}>
      <ControlButton className="react-flow__controls-fitview" onClick={onFit} title="Fit view" aria-label="Fit view">
        <FitViewIcon />
      </ControlButton>
    </Controls>
  );
}

/** Four corners, drawn like xyflow's own controls (it does not export its icon). */
function FitViewIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" aria-hidden="true">
      <path d="M0 0h11v4H4v7H0zM21 0h11v11h-4V4h-7zM28 21h4v11H21v-4h7zM0 21h4v7h7v4H0z" />
    </svg>
  );
}
