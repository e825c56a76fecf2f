/* Marks drawn between two points of the grid for the item in focus: the line to its reference cell, and its two camps. */
import type { CSSProperties } from "react";
import { percentOf } from "../../lib/board/geometry";
import type { GridPoint, GridSize } from "../../lib/board/grid";
import type { Camp } from "../../lib/stats/schema";

const at = (p: GridPoint, size: GridSize): CSSProperties => {
  const { left, top } = percentOf(p, size);
  return { left: `${left}%`, top: `${top}%` };
};

function Line({ from, to, size, className, dashed = false }: { from: GridPoint; to: GridPoint; size: GridSize; className: string; dashed?: boolean }) {
  const a = percentOf(from, size);
  const b = percentOf(to, size);
  return (
    <svg className="absolute inset-0 size-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none">
      <line
        x1={a.left}
        y1={a.top}
        x2={b.left}
        y2={b.top}
        className={className}
        strokeWidth={2}
        strokeDasharray={dashed ? "4 3" : undefined}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

export function ReferenceLine({ from, to, size }: { from: GridPoint; to: GridPoint; size: GridSize }) {
  return (
    <>
      <Line from={from} to={to} size={size} className="stroke-amber-700" dashed />
      <span
        data-reference-target
        className="absolute block size-5 rounded-sm border-2 border-amber-700 bg-amber-100/70"
        style={{ ...at(to, size), transform: "translate(-50%, -50%)" }}
      />
    </>
  );
}

/**
 * A split item's two camps: a ring at each camp's centre, tagged with how many are in it, and a
 * line between them. The rings are open so the dots inside stay visible; the item panel names
 * the people in each camp, so these marks need no words of their own for screen readers.
 */
export function CampMarks({ camps, size }: { camps: readonly [Camp, Camp]; size: GridSize }) {
  return (
    <>
      <Line from={camps[0].centroid} to={camps[1].centroid} size={size} className="stroke-rose-700/70" />
      {camps.map((camp, i) => (
        <span
          key={i}
          data-camp={i}
          className="absolute z-20 block size-8 rounded-full border-[3px] border-rose-700 bg-rose-500/10 shadow-[0_0_0_2px_rgb(255_255_255/0.85)]"
          style={{ ...at(camp.centroid, size), transform: "translate(-50%, -50%)" }}
        >
          <span
            data-camp-size
            className="absolute -top-2.5 left-[calc(100%-0.5rem)] min-w-6 rounded-full border-2 border-white bg-rose-700 px-1.5 text-center text-sm leading-5 font-bold text-white tabular-nums shadow"
          >
            {camp.size}
          </span>
        </span>
      ))}
    </>
  );
}
