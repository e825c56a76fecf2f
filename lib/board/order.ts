import type { Item } from "./schema";

/**
 * The order items are listed in (the tray, the item list, exports): the facilitator's `order`
 * first, then, for items without one, the order they were added in. A board nobody reordered
 * reads as it always did; an item added after a reorder comes last.
 */
export function compareItems(a: Item, b: Item): number {
  if (a.order !== undefined && b.order !== undefined && a.order !== b.order) return a.order - b.order;
  if ((a.order === undefined) !== (b.order === undefined)) return a.order === undefined ? 1 : -1;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where an item goes: a place up (-1) or down (+1), or to the top or the bottom of the list. */
export type ItemMove = -1 | 1 | "top" | "bottom";

/** The place a move takes the item at `from` to, in a list of `length` (out of range past an end). */
export const moveTarget = (from: number, move: ItemMove, length: number): number =>
  move === "top" ? 0 : move === "bottom" ? length - 1 : from + move;

/** How a move is said: "up", "to the top". */
export const moveWords = (move: ItemMove): string => (move === "top" ? "to the top" : move === "bottom" ? "to the bottom" : move < 0 ? "up" : "down");

/**
 * The items after moving one, each with its new `order` (its place); null when it is already
 * where the move would take it. Every item is numbered, so items without an order (added before
 * any reorder) keep their places around the moved one.
 */
export function moveInOrder(sorted: readonly Item[], id: string, move: ItemMove): Item[] | null {
  const from = sorted.findIndex((item) => item.id === id);
  const to = moveTarget(from, move, sorted.length);
  if (from < 0 || to < 0 || to >= sorted.length || to === from) return null;
  const next = [...sorted];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next.map((item, index) => ({ ...item, order: index }));
}
