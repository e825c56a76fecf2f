import type { CSSProperties, ReactNode } from "react";

/** The marks a grid draws, as its legend shows them. */
export const MARK = {
  placement: "size-2.5 rounded-full bg-sky-600 ring-1 ring-white",
  centre: "size-2.5 rotate-45 bg-slate-900",
  /** A split item's centre: hollow, because it lies between the camps where nobody placed it. */
  splitCentre: "size-2.5 rotate-45 border-2 border-slate-900 bg-white",
  spread: "size-3.5 rounded-full border-2 border-dashed border-indigo-600",
  camp: "size-3.5 rounded-full border-2 border-rose-700 bg-rose-500/10",
} as const;

/** One mark of a grid's legend and what it stands for. */
export function LegendEntry({ mark, markStyle, children }: { mark: string; markStyle?: CSSProperties; children: ReactNode }) {
  return (
    <li className="flex items-center gap-1.5">
      <span aria-hidden="true" className={`shrink-0 ${mark}`} style={markStyle} /> {children}
    </li>
  );
}

/** The board's legend, and the keys that work on the grid (the grid's description points here). */
export function GridLegend({ color, goal }: { color: string | null; goal: boolean }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 text-sm text-slate-600">
      <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1">
        <LegendEntry mark={MARK.placement}>a person’s placement</LegendEntry>
        <LegendEntry mark={MARK.centre}>the group’s centre</LegendEntry>
        <LegendEntry mark={MARK.splitCentre}>centre of a split item, between its camps</LegendEntry>
        <LegendEntry mark={MARK.spread}>spread of the selected item</LegendEntry>
        <LegendEntry mark={MARK.camp}>two camps, if split</LegendEntry>
        {goal && <LegendEntry mark="h-3 w-5 rounded-full bg-emerald-600">the goal corner: the nearer the group’s centre, the higher the priority</LegendEntry>}
        {color && (
          <LegendEntry mark="h-3.5 w-5 rounded border-2 bg-white" markStyle={{ borderColor: color }}>
            your notes
          </LegendEntry>
        )}
      </ul>
      <details className="group">
        <summary className="cursor-pointer rounded font-medium text-slate-700 hover:text-slate-900 focus-ring">Keyboard</summary>
        <div className="mt-2 max-w-md space-y-1">
          <p id="grid-keys">
            Arrow keys move between cells. Enter goes into a cell’s notes. To place a note, select it in your tray, move with the arrow keys (Shift
            with an arrow nudges it within a cell), then press Enter; Escape cancels.
          </p>
          <p id="note-keys">On one of your notes: Enter picks it up to move it, Delete takes it back, Escape returns to the cell.</p>
          <p>R (from the grid or your tray) goes to “Why here?” for the selected note of yours, to give or change its reason.</p>
        </div>
      </details>
    </div>
  );
}
