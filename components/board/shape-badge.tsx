import type { ItemStats } from "../../lib/stats";
import type { Shape } from "../../lib/stats/schema";
import { shapeWords } from "../../lib/stats/shape-words";

/*
 * Two camps are what a discussion should go to first, so a split item is the one shape that
 * stands out: a rose pill with two dots. Scattered and agreed are said in quiet text, each with
 * a mark of its own so the three shapes read apart without relying on colour alone.
 */
const LOOK: Record<Shape, string> = {
  split: "bg-rose-50 text-rose-900 ring-1 ring-rose-300",
  diffuse: "bg-slate-100 text-slate-700",
  agreed: "bg-slate-100 text-slate-700",
};

/** How the group disagrees on an item, as words with a small mark; nothing when nobody placed it. */
export function ShapeBadge({ stats, className = "text-xs" }: { stats: ItemStats | null; className?: string }) {
  const words = shapeWords(stats);
  if (!words || !stats?.shape) return null;
  return (
    <span data-shape={stats.shape} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 leading-snug font-medium whitespace-nowrap ${LOOK[stats.shape]} ${className}`}>
      <ShapeMark shape={stats.shape} />
      {words}
    </span>
  );
}

/** The shape drawn small: two dots apart, a scatter of dots, or dots on top of each other. */
export function ShapeMark({ shape, className = "h-[0.9em] w-[1.4em]" }: { shape: Shape; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 22 14" className={`shrink-0 ${className}`}>
      {shape === "split" && (
        <g className="fill-rose-700">
          <line x1="5" y1="7" x2="17" y2="7" className="stroke-rose-700/60" strokeWidth="1.5" />
          <circle cx="4.5" cy="7" r="4" />
          <circle cx="17.5" cy="7" r="4" />
        </g>
      )}
      {shape === "diffuse" && (
        <g className="fill-slate-500">
          <circle cx="3" cy="4" r="2.2" />
          <circle cx="11" cy="10.5" r="2.2" />
          <circle cx="14" cy="3" r="2.2" />
          <circle cx="19.5" cy="9" r="2.2" />
        </g>
      )}
      {shape === "agreed" && (
        <g className="fill-slate-500">
          <circle cx="9" cy="7" r="4" />
          <circle cx="13" cy="7" r="4" className="fill-slate-400" />
        </g>
      )}
    </svg>
  );
}
