// "PNG" and "SVG" buttons for a canvas: draws the whole graph (not just what is in view)
// with html-to-image, as in xyflow's "download image" example, and saves it through
// the app into the Downloads folder.

import { getNodesBounds, getViewportForBounds, useReactFlow } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { useState } from "react";
import { api, asCommandError } from "../api";

const MARGIN = 0.1;
const MAX_SIDE = 4096;

function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(",");
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (head.endsWith(";base64")) return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new TextEncoder().encode(decodeURIComponent(body));
}

export function ExportImageButtons({ name, container }: { name: string; container: React.RefObject<HTMLElement | null> }) {
  const flow = useReactFlow();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const save = async (kind: "png" | "svg") => {
    const viewport = container.current?.querySelector<HTMLElement>(".react-flow__viewport");
    if (!viewport) return;
    const bounds = getNodesBounds(flow.getNodes());
    const scale = Math.min(1, MAX_SIDE / Math.max(bounds.width, bounds.height, 1));
    const width = Math.ceil(bounds.width * (1 + 2 * MARGIN) * scale) + 1;
    const height = Math.ceil(bounds.height * (1 + 2 * MARGIN) * scale) + 1;
    const view = getViewportForBounds(bounds, width, height, 0.05, 2, MARGIN);
    const options = {
      backgroundColor: getComputedStyle(container.current!).getPropertyValue("--bg").trim() || undefined,
      width,
      height,
      // Web fonts would be fetched, which the app's CSP forbids; system fonts render.
      skipFonts: true,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` },
    };
    try {
      setStatus({ text: "Saving…", error: false });
      const url = kind === "png" ? await toPng(viewport, options) : await toSvg(viewport, options);
      const path = await api.saveImage(`${name}.${kind}`, dataUrlBytes(url));
      setStatus(path ? { text: `Saved ${path}`, error: false } : null);
    } catch (e) {
      setStatus({ text: asCommandError(e).message, error: true });
    }
  };

  return (
    <span className="export-buttons">
      <button type="button" data-testid="export-png" onClick={() => save("png")} title="Save the whole graph as a PNG image">
        PNG
      </button>
      <button type="button" data-testid="export-svg" onClick={() => save("svg")} title="Save the whole graph as an SVG image">
        SVG
      </button>
      {status && (
        <span className={status.error ? "field-error" : "muted small"} role="status" data-testid="export-status">
          {status.text}
        </span>
      )}
    </span>
  );
}
