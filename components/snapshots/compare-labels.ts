/*
 * Where the number labels of the compare grid's centres go, in pixels of the
 * drawing: beside their own marker, on whichever side first overlaps no label
 * placed before it, no marker and no edge. Pure, so it is tested without a browser.
 */

export interface LabelAnchor {
  key: string;
  /** The marker's centre, in pixels from the drawing's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLabel {
  key: string;
  left: number;
  top: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Half a marker's size plus a hair: labels start just clear of the diamond they name. */
const GAP = 9;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Right first (like the SVG export's numbers), then left, above, below and the four corners. */
function candidates(a: LabelAnchor): Array<{ left: number; top: number }> {
  const midTop = a.y - a.height / 2;
  const midLeft = a.x - a.width / 2;
  return [
    { left: a.x + GAP, top: midTop },
    { left: a.x - GAP - a.width, top: midTop },
    { left: midLeft, top: a.y - GAP - a.height },
    { left: midLeft, top: a.y + GAP },
    { left: a.x + GAP - 4, top: a.y - GAP - a.height + 4 },
    { left: a.x - GAP - a.width + 4, top: a.y - GAP - a.height + 4 },
    { left: a.x + GAP - 4, top: a.y + GAP - 4 },
    { left: a.x - GAP - a.width + 4, top: a.y + GAP - 4 },
  ];
}

/**
 * Places labels in the order given (the ones that matter most first); a label
 * that finds no free side takes its first side that stays inside the drawing,
 * so it may cover another, but it never leaves the grid.
 */
export function placeLabels(anchors: readonly LabelAnchor[], markers: ReadonlyArray<{ x: number; y: number }>, size: { width: number; height: number }): PlacedLabel[] {
  const taken: Box[] = markers.map((m) => ({ left: m.x - GAP + 2, top: m.y - GAP + 2, right: m.x + GAP - 2, bottom: m.y + GAP - 2 }));
  return anchors.map((a) => {
    const inside = candidates(a)
      .map((c) => ({ ...c, box: { left: c.left, top: c.top, right: c.left + a.width, bottom: c.top + a.height } }))
      .filter(({ box }) => box.left >= 0 && box.top >= 0 && box.right <= size.width && box.bottom <= size.height);
    const chosen = inside.find(({ box }) => !taken.some((t) => overlaps(t, box))) ?? inside[0];
    // A drawing smaller than a label (it is being laid out): right of the marker, as if there were room.
    const spot = chosen ?? { left: a.x + GAP, top: a.y - a.height / 2, box: { left: a.x + GAP, top: a.y - a.height / 2, right: a.x + GAP + a.width, bottom: a.y + a.height / 2 } };
    taken.push(spot.box);
    return { key: a.key, left: spot.left, top: spot.top };
  });
}
