/*
 * The facilitator's agenda: items in an order, `meta.discussed` (those taken up so far, in the
 * order taken up) and `meta.focus` (the one under discussion). Each step gives the focus and the
 * discussed list to write; nothing here touches the document.
 */

export interface AgendaStep {
  focus: string | null;
  discussed: string[];
}

/** The first item in `order` not yet discussed; null when every one has been. */
export function nextOnAgenda(order: readonly string[], discussed: readonly string[]): string | null {
  const done = new Set(discussed);
  return order.find((item) => !done.has(item)) ?? null;
}

/** Takes up `item`: it becomes the focus and is ticked (an item discussed before keeps its place in the list). */
export function discuss(item: string, discussed: readonly string[]): AgendaStep {
  return { focus: item, discussed: discussed.includes(item) ? [...discussed] : [...discussed, item] };
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
