import type { ItemStats } from "../../lib/stats";
import { priorityFlag } from "../../lib/stats/priority";

/** A priority as a list shows it: two decimals, or a dash for an item without one. */
export const formatPriority = (priority: number | null): string => (priority === null ? "–" : priority.toFixed(2));

/**
 * "Top 3, but split": an item high in the priorities that the group has not agreed on, so it is
 * worth a word before anyone acts on it. Amber with a warning mark, so it reads apart from the
 * shape beside it without relying on colour alone.
 */
export function PriorityFlag({ stats, rank, className = "text-xs" }: { stats: ItemStats | null; rank: number; className?: string }) {
  const flag = priorityFlag(stats, rank);
  if (!flag) return null;
  return (
    <span data-priority-flag className={`inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 leading-snug font-semibold whitespace-nowrap text-amber-900 ring-1 ring-amber-300 ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 12 12" className="size-[0.9em] shrink-0 fill-amber-600">
        <path d="M6 1 11.5 10.5H.5Z" />
        <rect x="5.4" y="4.2" width="1.2" height="3.4" className="fill-white" />
        <rect x="5.4" y="8.3" width="1.2" height="1.2" className="fill-white" />
      </svg>
      {flag.charAt(0).toUpperCase() + flag.slice(1)}
    </span>
  );
}
