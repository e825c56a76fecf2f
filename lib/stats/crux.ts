/*
 * Crux statistics of DESIGN.md: whether an item's placements form two camps or a cloud.
 *
 * W2, the least within-group sum of squares over every split of the placements into two
 * non-empty groups, is found exactly. An optimal split is always separable by a straight
 * line; translating that line towards one group until it touches a point p, and turning it a
 * hair about p, gives a line through p alone with the rest of p's group strictly on one side.
 * So every candidate is "the points on one side of a line through a pivot p, with p on either
 * side". For each pivot the line turns once around it; the side's contents change only when
 * the line passes a point, and each change updates running sums in O(1). That is O(n² log n)
 * in all, with no subset enumeration.
 *
 * Coordinates are taken relative to the centroid, where the between-group sum of squares of a
 * split with side sum S and size k is |S|²·n / (k·(n − k)), and W2 = W1 − its maximum. Points
 * that tie (coincident, or collinear with the pivot) are passed one at a time: the states in
 * between are still valid splits, so they can only confirm the minimum, never miss it.
 */
import type { GridPoint } from "../board/grid";

import type { Camp, CruxStats, Shape } from "./schema";

export type { Camp, CruxStats, Shape };

/** A placement as the crux statistics read it: where, and whose (a bare point counts but is named in no camp). */
export type PlacedPoint = GridPoint & { participant?: string };

/** Below this spread (cell units) a group agrees, whatever its shape. */
export const AGREED_BELOW = 0.5;
/** Split at least this strong, smaller camp at least this share and size, centres at least this far apart: two camps. */
export const SPLIT_AT_LEAST = 0.75;
export const SMALLER_CAMP_SHARE = 0.2;
export const SMALLER_CAMP_MIN = 2;
export const CAMPS_APART_AT_LEAST = 1;
/** Fewer placements than this have no split. */
export const SPLIT_MIN_N = 4;

/**
 * A direction's place in one turn, in [0, 4): monotone in the angle, so it orders directions
 * exactly as angles do, and the opposite direction is 2 further on — without trigonometry.
 */
function turnOf(dx: number, dy: number): number {
  if (dy >= 0) return dx >= 0 ? (dx + dy === 0 ? 0 : dy / (dx + dy)) : 1 - dx / (dy - dx);
  return dx < 0 ? 2 - dy / (-dx - dy) : 3 + dx / (dx - dy);
}

/** Distinct locations of centred points, each with how many points sit there. */
interface Locations {
  xs: Float64Array;
  ys: Float64Array;
  weights: Float64Array;
  /** Total weight: the number of points. */
  n: number;
}

/**
 * Every location's view of the others, ordered by direction modulo half a turn. A pair of
 * locations has one such direction seen from either end, so one native numeric sort of all
 * pairs (each key an integer carrying the pair's index in its low bits) orders every pivot's
 * list at once. `turn[p]` is the direction (0 ≤ turn < 4) from `first[p]` to `second[p]`.
 */
function pairOrders(at: Locations): { byPivot: Uint32Array; first: Uint32Array; second: Uint32Array; turn: Float64Array } {
  const { xs, ys } = at;
  const m = xs.length;
  const pairs = (m * (m - 1)) / 2;
  let indexBits = 1;
  while (indexBits < pairs) indexBits *= 2;
  // The largest power of two keeping 2 · scale · indexBits within 2^53, where doubles hold integers exactly.
  const turnScale = 2 ** Math.floor(Math.log2(2 ** 53 / (2 * indexBits)));
  const keys = new Float64Array(pairs);
  const first = new Uint32Array(pairs);
  const second = new Uint32Array(pairs);
  const turn = new Float64Array(pairs);
  let p = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++, p++) {
      // Just below the column axis the last quadrant can round up to a whole turn: that is the starting direction.
      const turned = turnOf(xs[j]! - xs[i]!, ys[j]! - ys[i]!);
      const direction = turned >= 4 ? 0 : turned;
      const half = direction >= 2 ? direction - 2 : direction;
      first[p] = i;
      second[p] = j;
      turn[p] = direction;
      keys[p] = Math.floor(half * turnScale) * indexBits + p;
    }
  }
  keys.sort();
  const byPivot = new Uint32Array(m * (m - 1));
  const filled = new Uint32Array(m);
  for (let k = 0; k < pairs; k++) {
    const pair = keys[k]! % indexBits;
    const i = first[pair]!;
    const j = second[pair]!;
    byPivot[i * (m - 1) + filled[i]!++] = pair;
    byPivot[j * (m - 1) + filled[j]!++] = pair;
  }
  return { byPivot, first, second, turn };
}

/**
 * Turns a directed line once around location `pivot`, from φ = 0 (along the column axis) to
 * φ = 4. The inside is the half-plane to its left: locations at directions in (φ, φ + 2) seen
 * from the pivot. A location crosses the line twice, half a turn apart, at its direction modulo
 * 2, so one ordered list serves both halves. Sets `inside` to the state just after φ = 0,
 * `onStart` for locations on the starting line, and `order` to the others in crossing order.
 */
function startTurn(pairs: ReturnType<typeof pairOrders>, m: number, pivot: number, order: Uint32Array, inside: Uint8Array, onStart: Uint8Array): void {
  const { byPivot, first, second, turn } = pairs;
  inside[pivot] = 0;
  for (let t = 0, base = pivot * (m - 1); t < m - 1; t++) {
    const pair = byPivot[base + t]!;
    const fromFirst = first[pair] === pivot;
    const other = fromFirst ? second[pair]! : first[pair]!;
    const d = turn[pair]!;
    // Seen from the other end, a direction is half a turn on.
    const direction = fromFirst ? d : d < 2 ? d + 2 : d - 2;
    inside[other] = direction > 0 && direction <= 2 ? 1 : 0;
    onStart[other] = direction === 0 || direction === 2 ? 1 : 0;
    order[t] = other;
  }
}

/**
 * The location that crosses at step `s` of the turn (steps 0 … 2·count − 1), toggling its side,
 * or −1 when the step changes nothing: a location on the starting line crosses only at φ = 2.
 */
function crossing(order: Uint32Array, count: number, s: number, inside: Uint8Array, onStart: Uint8Array): number {
  const j = order[s < count ? s : s - count]!;
  if (s < count && onStart[j] === 1) return -1;
  inside[j] = 1 - inside[j]!;
  return j;
}

/**
 * The exact optimal split of distinct, centred, weighted locations (at least two) into two
 * non-empty groups: its between-group sum of squares, and which locations form one group.
 * Points at one location are never parted: some optimal split keeps each location whole.
 *
 * Only "the pivot with the inside" is tried: for an optimal split (A, B) and a line through p ∈ A
 * alone, with A's other points on one side, one of the line's two directions has them inside.
 */
export function bestSplit(at: Locations): { between: number; group: Uint8Array } {
  const { xs, ys, weights, n } = at;
  const m = xs.length;
  const pairs = pairOrders(at);
  const count = m - 1;
  const order = new Uint32Array(count);
  const inside = new Uint8Array(m);
  const onStart = new Uint8Array(m);
  let best = -1;
  let bestPivot = 0;
  let bestStep = -1;
  for (let pivot = 0; pivot < m; pivot++) {
    startTurn(pairs, m, pivot, order, inside, onStart);
    // Sums of the inside together with the pivot.
    let sx = weights[pivot]! * xs[pivot]!;
    let sy = weights[pivot]! * ys[pivot]!;
    let k = weights[pivot]!;
    for (let j = 0; j < m; j++) {
      if (inside[j] === 0) continue;
      sx += weights[j]! * xs[j]!;
      sy += weights[j]! * ys[j]!;
      k += weights[j]!;
    }
    for (let s = -1; s < 2 * count; s++) {
      if (s >= 0) {
        const j = crossing(order, count, s, inside, onStart);
        if (j < 0) continue;
        const w = inside[j] === 1 ? weights[j]! : -weights[j]!;
        sx += w * xs[j]!;
        sy += w * ys[j]!;
        k += w;
      }
      if (k === n) continue;
      const between = ((sx * sx + sy * sy) * n) / (k * (n - k));
      if (between > best) {
        best = between;
        bestPivot = pivot;
        bestStep = s;
      }
    }
  }
  // Turn about the best pivot again, up to the best moment, to learn who was inside.
  startTurn(pairs, m, bestPivot, order, inside, onStart);
  for (let s = 0; s <= bestStep; s++) crossing(order, count, s, inside, onStart);
  inside[bestPivot] = 1;
  return { between: Math.max(0, best), group: inside };
}

/**
 * Beyond this many distinct spots on one item (far past the groups the product is for) the exact
 * search's n² pairs would cost seconds and hundreds of megabytes in every browser on the board;
 * the split is then the best of those across lines in FALLBACK_DIRECTIONS directions.
 */
export const EXACT_UP_TO = 1500;
const FALLBACK_DIRECTIONS = 360;

/** The best split of locations by a line perpendicular to one of `directions` evenly spread directions. */
export function bestSplitAlong(at: Locations, directions: number): { between: number; group: Uint8Array } {
  const { xs, ys, weights, n } = at;
  const m = xs.length;
  const order = new Uint32Array(m);
  const projection = new Float64Array(m);
  let best = -1;
  let bestDirection = 0;
  let bestCount = 0;
  const sortAlong = (d: number) => {
    const angle = (Math.PI * d) / directions;
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    for (let i = 0; i < m; i++) {
      order[i] = i;
      projection[i] = xs[i]! * ux + ys[i]! * uy;
    }
    order.sort((a, b) => projection[a]! - projection[b]!);
  };
  for (let d = 0; d < directions; d++) {
    sortAlong(d);
    let sx = 0;
    let sy = 0;
    let k = 0;
    for (let t = 0; t < m - 1; t++) {
      const i = order[t]!;
      sx += weights[i]! * xs[i]!;
      sy += weights[i]! * ys[i]!;
      k += weights[i]!;
      const between = ((sx * sx + sy * sy) * n) / (k * (n - k));
      if (between > best) {
        best = between;
        bestDirection = d;
        bestCount = t + 1;
      }
    }
  }
  sortAlong(bestDirection);
  const group = new Uint8Array(m);
  for (let t = 0; t < bestCount; t++) group[order[t]!] = 1;
  return { between: Math.max(0, best), group };
}

const centreOf = (points: readonly GridPoint[]): GridPoint => {
  let col = 0;
  let row = 0;
  for (const p of points) {
    col += p.col;
    row += p.row;
  }
  return { col: col / points.length, row: row / points.length };
};

function campOf(points: readonly PlacedPoint[]): Camp {
  return { size: points.length, centroid: centreOf(points), participants: points.flatMap((p) => (p.participant === undefined ? [] : [p.participant])) };
}

/** Larger camp first; equal sizes: the smaller centre column, then row. */
function ordered(a: Camp, b: Camp): [Camp, Camp] {
  if (a.size !== b.size) return a.size > b.size ? [a, b] : [b, a];
  if (a.centroid.col !== b.centroid.col) return a.centroid.col < b.centroid.col ? [a, b] : [b, a];
  return a.centroid.row <= b.centroid.row ? [a, b] : [b, a];
}

/** `split` and `camps` of DESIGN.md ("Crux statistics"); `spread` decides `shape` with them. */
export function cruxStats(points: readonly PlacedPoint[], spread: number): CruxStats {
  const n = points.length;
  if (n === 0) return { split: null, camps: null, shape: null };
  if (n < SPLIT_MIN_N) return { split: null, camps: null, shape: shapeOf(0, null, spread, n) };

  const centre = centreOf(points);
  const where = new Map<string, number>();
  const locationOf = new Int32Array(n);
  const xs: number[] = [];
  const ys: number[] = [];
  const weights: number[] = [];
  let total = 0;
  points.forEach((p, i) => {
    const key = `${p.col},${p.row}`;
    let at = where.get(key);
    if (at === undefined) {
      at = xs.length;
      where.set(key, at);
      xs.push(p.col - centre.col);
      ys.push(p.row - centre.row);
      weights.push(0);
    }
    weights[at]! += 1;
    locationOf[i] = at;
    total += xs[at]! * xs[at]! + ys[at]! * ys[at]!;
  });
  if (xs.length === 1 || total === 0) {
    // Everyone in one spot: nothing to split; the last to place stands for the second camp.
    return { split: 0, camps: ordered(campOf(points.slice(0, n - 1)), campOf(points.slice(n - 1))), shape: shapeOf(0, null, spread, n) };
  }
  const at = { xs: Float64Array.from(xs), ys: Float64Array.from(ys), weights: Float64Array.from(weights), n };
  const { between, group } = xs.length <= EXACT_UP_TO ? bestSplit(at) : bestSplitAlong(at, FALLBACK_DIRECTIONS);
  const split = Math.min(1, Math.max(0, between / total));
  const camps = ordered(
    campOf(points.filter((_, i) => group[locationOf[i]!] === 1)),
    campOf(points.filter((_, i) => group[locationOf[i]!] === 0)),
  );
  return { split, camps, shape: shapeOf(split, camps, spread, n) };
}

function shapeOf(split: number, camps: [Camp, Camp] | null, spread: number, n: number): Shape {
  if (spread < AGREED_BELOW) return "agreed";
  if (n < SPLIT_MIN_N || camps === null || split < SPLIT_AT_LEAST) return "diffuse";
  const smaller = camps[1].size;
  if (smaller < SMALLER_CAMP_MIN || smaller < SMALLER_CAMP_SHARE * n) return "diffuse";
  const apart = Math.hypot(camps[0].centroid.col - camps[1].centroid.col, camps[0].centroid.row - camps[1].centroid.row);
  return apart >= CAMPS_APART_AT_LEAST ? "split" : "diffuse";
}
