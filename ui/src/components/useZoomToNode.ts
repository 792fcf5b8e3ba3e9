import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";

/** A request to show one node: `seq` moves with every request, so asking twice shows it twice. */
export type ZoomRequest = { id: string; seq: number };

/** How long a found node flashes, in ms. */
const FLASH_MS = 1600;

/**
 * Centres and zooms the canvas on the requested node and flashes it, once per request,
 * as soon as the node is on the canvas (`ready`: the graph has been drawn). Returns the
 * node flashing now, for its `className`. Call inside the canvas's ReactFlowProvider.
 */
export function useZoomToNode(request: ZoomRequest | null, ready: boolean): string | null {
  const flow = useReactFlow();
  const [flashing, setFlashing] = useState<string | null>(null);
  const handled = useRef(0);

  useEffect(() => {
    if (!request || !ready || request.seq === handled.current) return;
    if (!flow.getNode(request.id)) return;
    handled.current = request.seq;
    // Close enough to read the card, never so close that its neighbours vanish.
    const show = (duration: number) => void flow.fitView({ nodes: [{ id: request.id }], duration, padding: 0.8, minZoom: 0.6, maxZoom: 1.4 });
    show(400);
    setFlashing(request.id);
    // The jump also selects the node, and what that opens beside the canvas can still
    // change its size or redraw it: centre once more when that has settled.
    const settle = window.setTimeout(() => show(150), 700);
    return () => window.clearTimeout(settle);
    // The request's fields, not the object: callers make a new one on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request?.id, request?.seq, ready, flow]);

  useEffect(() => {
    if (!flashing) return;
    const timer = window.setTimeout(() => setFlashing(null), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flashing]);

  return flashing;
}
