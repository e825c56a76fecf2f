"use client";

import type { CSSProperties } from "react";
import { percentOf, type GridPoint, type Size } from "../lib/board/geometry";
import type { ItemChange } from "../lib/snapshot/compare";

const at = (p: GridPoint, size: Size): CSSProperties => {
  const { left, top } = percentOf(p, size);
  return { left: `${left}%`, top: `${top}%` };
};

const ringStyle = (centre: GridPoint, spread: number, size: Size): CSSProperties => ({
  ...at(centre, size),
  width: `${((2 * spread) / size.columns) * 100}%`,
  height: `${((2 * spread) / size.rows) * 100}%`,
  transform: "translate(-50%, -50%)",
});

/**
 * Where each item's group centre went between two snapshots: a line from the
 * earlier centre (hollow ◇) to the later one (filled ◆). The highlighted item
 * also shows both spread rings, so a ring that shrank is a group that came
 * together.
 */
export function CompareLayer({ changes, size, highlighted, labelAll, onSelect }: {
  changes: ItemChange[];
  size: Size;
  highlighted: string | null;
  labelAll: boolean;
  onSelect(item: string): void;
}) {
  const focus = highlighted ? changes.find((c) => c.id === highlighted) : undefined;
  const dim = (id: string) => (highlighted && highlighted !== id ? "opacity-20" : "");
  return (
    <div className="absolute inset-0">
      {focus?.before && <div data-ring-before={focus.id} className="absolute rounded-[50%] border-2 border-dashed border-slate-500/70" style={ringStyle(focus.before.centroid, focus.before.spread, size)} />}
      {focus?.after && (
        <div data-ring-after={focus.id} className="absolute rounded-[50%] border-2 border-dashed border-indigo-600/80 bg-indigo-500/8" style={ringStyle(focus.after.centroid, focus.after.spread, size)} />
      )}
      <svg className="absolute inset-0 size-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
        {changes.map((c) => {
          if (!c.before || !c.after) return null;
          const a = percentOf(c.before.centroid, size);
          const b = percentOf(c.after.centroid, size);
          return (
            <line
              key={c.id}
              data-move={c.id}
              x1={a.left}
              y1={a.top}
              x2={b.left}
              y2={b.top}
              className={dim(c.id)}
              stroke={highlighted === c.id ? "#4338ca" : "#334155"}
              strokeWidth={highlighted === c.id ? 3 : 2}
              strokeLinecap="round"
              vectorEffect="non-scaling-stroke"
            />
          );
        })}
      </svg>
      {changes.map((c) =>
        c.before ? (
          <span
            key={c.id}
            data-centroid-before={c.id}
            aria-hidden="true"
            className={`absolute block size-3 border-2 border-slate-700 bg-white ${dim(c.id)}`}
            style={{ ...at(c.before.centroid, size), transform: "translate(-50%, -50%) rotate(45deg)" }}
          />
        ) : null,
      )}
      {changes.map((c) => {
        if (!c.after) return null;
        const flip = c.after.centroid.col / size.columns > 0.7;
        const active = highlighted === c.id;
        return (
          <button
            key={c.id}
            type="button"
            tabIndex={-1}
            // The table beside the grid names and selects every item; these are a shortcut for the pointer.
            aria-hidden="true"
            data-centroid-after={c.id}
            onClick={() => onSelect(c.id)}
            className={`absolute flex cursor-pointer items-center gap-1 ${flip ? "flex-row-reverse" : ""} ${dim(c.id)} ${active ? "z-20" : ""}`}
            style={{ ...at(c.after.centroid, size), transform: flip ? "translate(calc(-100% + 0.375rem), -50%)" : "translate(-0.375rem, -50%)" }}
          >
            <span className={`block size-3 rotate-45 border-2 border-white shadow ${active ? "bg-indigo-700" : "bg-slate-900"}`} />
            {(highlighted ? active : labelAll) && (
              <span className={`max-w-[9rem] truncate rounded px-1 py-px text-[0.6875rem] leading-tight font-semibold text-white sm:text-xs ${active ? "bg-indigo-700" : "bg-slate-900/75"}`}>
                {c.text}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
