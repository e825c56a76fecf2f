/*
 * Where the labels on the grid go so that they can be read: each label names
 * one point (a person's note, an item's centre) and is placed near it without
 * covering another label or another point. Pure and deterministic: the same
 * input always gives the same layout, in pixels of the grid's cell area.
 *
 * Greedy, then refined: labels are placed one at a time (the most crowded
 * first), each at the cheapest of a fixed set of candidate spots around its
 * point; then each is re-placed given all the others for a few passes. A label
 * that had to move away from its point gets a leader line back to it.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  id: string;
  /** The point the label names. */
  anchor: Point;
  width: number;
  height: number;
  /** Lower goes first and gets the better spots (a person's own notes before the group's centres). */
  rank?: number;
}

export interface PlacedLabel {
  id: string;
  box: Rect;
  /** From the label's point to the nearest point of its box, when the label sits away from its point. */
  leader: { from: Point; to: Point } | null;
}

export interface LabelLayoutInput {
  labels: readonly LabelRequest[];
  /** The area labels must stay inside (the grid's cells), from (0, 0). */
  bounds: { width: number; height: number };
  /** Other things a label should not cover: the labels' own points are added to these. */
  marks?: readonly Rect[];
  /** How far a label sits from its point when it is right beside it. */
  gap?: number;
  /** The size of the mark drawn at each label's point. */
  markSize?: number;
}

const DEFAULT_GAP = 8;
const DEFAULT_MARK = 12;
/** Labels keep this far apart, so two touching boxes still read as two. */
const SPACING = 2;
/** Past this distance from its point, a label is drawn with a leader line. */
const LEADER_SLACK = 3;
const PASSES = 4;

const COST = {
  labelOverlap: 10_000,
  labelOverlapArea: 10,
  markOverlap: 400,
  markOverlapArea: 4,
  distance: 2,
  leader: 12,
  leaderCrossing: 250,
  /** A tie-breaker: earlier candidates (the classic beside-the-point spots) win equal costs. */
  order: 0.01,
} as const;

/** Where each label goes. Labels that cannot avoid every overlap take the least bad spot. */
export function layoutLabels(input: LabelLayoutInput): PlacedLabel[] {
  const gap = input.gap ?? DEFAULT_GAP;
  const markSize = input.markSize ?? DEFAULT_MARK;
  const { labels, bounds } = input;
  const marks: Rect[] = [...(input.marks ?? []), ...labels.map((l) => centredRect(l.anchor, markSize))];
  const candidates = labels.map((l) => candidateBoxes(l, bounds, gap));
  const boxes: (Rect | null)[] = labels.map(() => null);

  const costAt = (i: number, box: Rect, order: number): number => {
    const label = labels[i]!;
    let cost = order * COST.order;
    const padded = inflate(box, SPACING);
    const distance = distanceToRect(label.anchor, box);
    const leader = distance > gap + LEADER_SLACK ? { from: label.anchor, to: nearestPoint(label.anchor, box) } : null;
    for (let j = 0; j < boxes.length; j++) {
      const other = boxes[j];
      if (j === i || !other) continue;
      const overlap = overlapArea(padded, other);
      if (overlap > 0) cost += COST.labelOverlap + overlap * COST.labelOverlapArea;
      if (leader && segmentHitsRect(leader.from, leader.to, other)) cost += COST.leaderCrossing;
    }
    for (const mark of marks) {
      const overlap = overlapArea(box, mark);
      if (overlap > 0) cost += COST.markOverlap + overlap * COST.markOverlapArea;
    }
    cost += distance * COST.distance;
    if (leader) cost += COST.leader;
    return cost;
  };

  const placeBest = (i: number): boolean => {
    let best: Rect | null = null;
    let bestCost = Infinity;
    candidates[i]!.forEach((box, order) => {
      const cost = costAt(i, box, order);
      if (cost < bestCost) {
        best = box;
        bestCost = cost;
      }
    });
    const before = boxes[i];
    boxes[i] = best;
    return !before || !best || before.x !== (best as Rect).x || before.y !== (best as Rect).y;
  };

  const order = placementOrder(labels);
  for (const i of order) placeBest(i);
  for (let pass = 0; pass < PASSES; pass++) {
    let changed = false;
    for (const i of order) changed = placeBest(i) || changed;
    if (!changed) break;
  }

  return labels.map((label, i) => {
    const box = boxes[i]!;
    const distance = distanceToRect(label.anchor, box);
    return { id: label.id, box, leader: distance > gap + LEADER_SLACK ? { from: label.anchor, to: nearestPoint(label.anchor, box) } : null };
  });
}

/** Rank first; within a rank the most crowded labels first, since they have the fewest good spots; then input order. */
function placementOrder(labels: readonly LabelRequest[]): number[] {
  const crowding = labels.map((l) => labels.filter((o) => o !== l && Math.hypot(o.anchor.x - l.anchor.x, o.anchor.y - l.anchor.y) < l.width).length);
  return labels
    .map((_, i) => i)
    .sort((a, b) => (labels[a]!.rank ?? 0) - (labels[b]!.rank ?? 0) || crowding[b]! - crowding[a]! || a - b);
}

/*
 * The spots tried for one label, best-looking first: beside its point on the
 * right, left, below, above and diagonally; the same spots pushed further
 * out; and columns of spots beside and rows above and below the point, which
 * is where the labels of several notes at one place end up, stacked.
 */
function candidateBoxes(label: LabelRequest, bounds: { width: number; height: number }, gap: number): Rect[] {
  const { anchor: a, width: w, height: h } = label;
  const d = gap * Math.SQRT1_2;
  const beside: Array<{ x: number; y: number; dx: number; dy: number }> = [
    { x: a.x + gap, y: a.y - h / 2, dx: 1, dy: 0 },
    { x: a.x - gap - w, y: a.y - h / 2, dx: -1, dy: 0 },
    { x: a.x - w / 2, y: a.y + gap, dx: 0, dy: 1 },
    { x: a.x - w / 2, y: a.y - gap - h, dx: 0, dy: -1 },
    { x: a.x + d, y: a.y + d, dx: 1, dy: 1 },
    { x: a.x + d, y: a.y - d - h, dx: 1, dy: -1 },
    { x: a.x - d - w, y: a.y + d, dx: -1, dy: 1 },
    { x: a.x - d - w, y: a.y - d - h, dx: -1, dy: -1 },
    { x: a.x + gap, y: a.y - h + 2, dx: 1, dy: 0 },
    { x: a.x + gap, y: a.y - 2, dx: 1, dy: 0 },
    { x: a.x - gap - w, y: a.y - h + 2, dx: -1, dy: 0 },
    { x: a.x - gap - w, y: a.y - 2, dx: -1, dy: 0 },
  ];
  const spots: Point[] = [];
  for (const push of [0, 10, 22, 38, 58, 84]) {
    for (const s of beside) {
      const unit = Math.hypot(s.dx, s.dy);
      spots.push({ x: s.x + (s.dx / unit) * push, y: s.y + (s.dy / unit) * push });
    }
  }
  const rowStep = h + SPACING + 1;
  const colStep = w + SPACING + 1;
  for (let k = 1; k <= 5; k++) {
    for (const sign of [-1, 1]) {
      for (const push of [0, 14]) {
        spots.push({ x: a.x + gap + push, y: a.y - h / 2 + sign * k * rowStep });
        spots.push({ x: a.x - gap - w - push, y: a.y - h / 2 + sign * k * rowStep });
      }
      spots.push({ x: a.x - w / 2 + sign * k * colStep, y: a.y + gap });
      spots.push({ x: a.x - w / 2 + sign * k * colStep, y: a.y - gap - h });
    }
  }
  const seen = new Set<string>();
  const boxes: Rect[] = [];
  for (const spot of spots) {
    const box = clampInto({ x: spot.x, y: spot.y, width: w, height: h }, bounds);
    const key = `${Math.round(box.x)}:${Math.round(box.y)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    boxes.push(box);
  }
  return boxes;
}

function clampInto(box: Rect, bounds: { width: number; height: number }): Rect {
  // Rounded before clamping, so rounding never pushes a box past the far edge.
  const x = Math.max(0, Math.min(bounds.width - box.width, round(box.x)));
  const y = Math.max(0, Math.min(bounds.height - box.height, round(box.y)));
  return { ...box, x, y };
}

const round = (v: number) => Math.round(v * 100) / 100;

const centredRect = (p: Point, size: number): Rect => ({ x: p.x - size / 2, y: p.y - size / 2, width: size, height: size });

const inflate = (r: Rect, by: number): Rect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by });

export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function nearestPoint(p: Point, r: Rect): Point {
  return { x: Math.max(r.x, Math.min(r.x + r.width, p.x)), y: Math.max(r.y, Math.min(r.y + r.height, p.y)) };
}

function distanceToRect(p: Point, r: Rect): number {
  const n = nearestPoint(p, r);
  return Math.hypot(n.x - p.x, n.y - p.y);
}

/** Whether a leader line would run under another label (sampled: leaders are short and labels are not thin). */
function segmentHitsRect(from: Point, to: Point, r: Rect): boolean {
  const steps = 8;
  for (let s = 1; s < steps; s++) {
    const t = s / steps;
    const x = from.x + (to.x - from.x) * t;
    const y = from.y + (to.y - from.y) * t;
    if (x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height) return true;
  }
  return false;
}
