// Turns a chart drawn in the page (SVG parts styled by the stylesheet's variables) into a
// standalone SVG file, and an SVG into PNG bytes, for "save as image". Standalone means
// every colour and font is written on the elements: the file has no stylesheet.

const SVG_NS = "http://www.w3.org/2000/svg";

/** The style properties that decide how an SVG element looks. */
const PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "visibility",
  "display",
] as const;

/** Copies the computed look of `source` and its descendants onto `copy` (same shape). */
export function inlineStyles(source: Element, copy: Element): void {
  const style = getComputedStyle(source);
  const declarations = PROPERTIES.map((p) => [p, style.getPropertyValue(p)] as const)
    .filter(([, v]) => v !== "")
    .map(([p, v]) => `${p}:${v}`)
    .join(";");
  if (declarations) copy.setAttribute("style", declarations);
  copy.removeAttribute("class");
  const from = source.children;
  const to = copy.children;
  for (let i = 0; i < from.length && i < to.length; i++) inlineStyles(from[i], to[i]);
}

export interface Part {
  svg: SVGSVGElement;
  x: number;
  y: number;
}

export interface Text {
  x: number;
  y: number;
  text: string;
  /** Any CSS colour; resolved by the caller from the page's variables. */
  color: string;
  size: number;
  weight?: number;
}

/**
 * One SVG file of `width` × `height` on `background`: each part copied at its offset
 * with its styles inlined, and free-standing texts (labels drawn in HTML on screen).
 */
export function composeSvg(width: number, height: number, background: string, parts: Part[], texts: Text[]): string {
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("width", String(width));
  out.setAttribute("height", String(height));
  out.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", background);
  out.appendChild(bg);
  for (const part of parts) {
    const copy = part.svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(part.svg, copy);
    copy.setAttribute("x", String(part.x));
    copy.setAttribute("y", String(part.y));
    out.appendChild(copy);
  }
  const font = getComputedStyle(document.body).fontFamily;
  for (const t of texts) {
    const node = document.createElementNS(SVG_NS, "text");
    node.setAttribute("x", String(t.x));
    node.setAttribute("y", String(t.y));
    node.setAttribute("fill", t.color);
    node.setAttribute("font-size", String(t.size));
    node.setAttribute("font-family", font);
    if (t.weight) node.setAttribute("font-weight", String(t.weight));
    node.textContent = t.text;
    out.appendChild(node);
  }
  return new XMLSerializer().serializeToString(out);
}

/** The largest side a PNG gets: bigger charts are scaled down to fit. */
const MAX_PNG_SIDE = 8192;

/** Draws an SVG file into a PNG at twice its size (crisp on HiDPI), within MAX_PNG_SIDE. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Uint8Array> {
  const scale = Math.min(2, MAX_PNG_SIDE / Math.max(width, height, 1));
  // A data URL: the window's content security policy lets images come from data, not blobs.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  const image = new Image();
  image.decoding = "sync";
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
    image.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no canvas to draw the image on");
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("the image could not be encoded as PNG");
  return new Uint8Array(await blob.arrayBuffer());
}
