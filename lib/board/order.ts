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

/**
 * The items after moving one a place up (-1) or down (+1), each with its new `order` (its place);
 * null when it cannot move that way. Every item is numbered, so items without an order (added
 * before any reorder) keep their places around the moved one.
 */
export function moveInOrder(sorted: readonly Item[], id: string, offset: -1 | 1): Item[] | null {
  const from = sorted.findIndex((item) => item.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= sorted.length) return null;
  const next = [...sorted];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next.map((item, index) => ({ ...item, order: index }));
}
