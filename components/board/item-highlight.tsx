import type { ItemWithStats } from "../../lib/stats/board";

/** Pointing at an item's entry, or focusing it, highlights the item on the grid; leaving lets go. */
export function highlightOn(item: string, onHighlight: (item: string | null) => void) {
  return {
    onPointerEnter: () => onHighlight(item),
    onPointerLeave: () => onHighlight(null),
    onFocus: () => onHighlight(item),
    onBlur: () => onHighlight(null),
  };
}

/** Below a ranking: the items nobody has placed, which have no spread to rank by. */
export function NotPlacedYet({ unplaced, className }: { unplaced: ItemWithStats[]; className: string }) {
  if (unplaced.length === 0) return null;
  return (
    <p className={className}>
      <span className="font-medium text-slate-700">Not placed yet:</span> {unplaced.map((u) => u.item.text).join(" · ")}
    </p>
  );
}
