// Moving a card between lanes with the keyboard: where the arrow keys take a lifted card.
// Only geometry lives here; TaskBoard hands it to dnd-kit's KeyboardSensor.

/** A box on screen: what the geometry needs of a DOMRect. */
export type Box = { left: number; top: number; width: number };

/**
 * Where the card `card` goes when the operator presses ArrowRight (`+1`) or ArrowLeft
 * (`-1`): its new top-left, centred on the nearest lane whose centre lies that way, at
 * the same height; `null` when there is no lane that way.
 */
export function nextLanePosition(lanes: Box[], card: Box, direction: 1 | -1): { x: number; y: number } | null {
  const centre = (b: Box) => b.left + b.width / 2;
  const from = centre(card);
  const ahead = lanes.filter((l) => (centre(l) - from) * direction > 1).sort((a, b) => (centre(a) - centre(b)) * direction);
  const lane = ahead[0];
  return lane ? { x: centre(lane) - card.width / 2, y: card.top } : null;
}
