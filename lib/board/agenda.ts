/*
 * The facilitator's agenda: items in an order, `meta.discussed` (those taken up so far, in the
 * order taken up) and `meta.focus` (the one under discussion). Each step gives the focus and the
 * discussed list to write; nothing here touches the document.
 */

export interface AgendaStep {
  focus: string | null;
  discussed: string[];
}

/** The list with `item` ticked at its end, unless it already is (or there is none). */
const ticked = (discussed: readonly string[], item: string | null): string[] =>
  item === null || discussed.includes(item) ? [...discussed] : [...discussed, item];

/** The first item in `order` neither discussed nor under discussion; null when there is none left. */
export function nextOnAgenda(order: readonly string[], discussed: readonly string[], focus: string | null): string | null {
  const done = new Set(discussed);
  return order.find((item) => !done.has(item) && item !== focus) ?? null;
}

/**
 * Takes up `item`: it becomes the focus and is ticked. The item under discussion until then is
 * ticked too (the focus may have been set from the item's panel); an item ticked before keeps its place.
 */
export function discuss(item: string, discussed: readonly string[], focus: string | null): AgendaStep {
  return { focus: item, discussed: ticked(ticked(discussed, focus), item) };
}

/** Ends the discussion: no focus, and the item under discussion ticked. */
export function endDiscussion(discussed: readonly string[], focus: string | null): AgendaStep {
  return { focus: null, discussed: ticked(discussed, focus) };
}

/**
 * One step back. Right after an item was taken up (it is the focus and the last one ticked), it is
 * unticked, as if it had never been, and the one before it is the focus again (none before: no focus).
 * Otherwise the last item taken up is the focus again. Null when nothing was discussed yet.
 */
export function stepBack(discussed: readonly string[], focus: string | null): AgendaStep | null {
  const last = discussed.at(-1);
  if (last === undefined) return null;
  if (focus !== last) return { focus: last, discussed: [...discussed] };
  const earlier = discussed.slice(0, -1);
  return { focus: earlier.at(-1) ?? null, discussed: earlier };
}
