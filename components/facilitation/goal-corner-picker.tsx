"use client";

import { useId } from "react";
import { GOAL_CORNERS, type GoalCorner, type Grid } from "../../lib/board/schema";
import { GOAL_CORNER_WORDS, goalCornerName } from "../../lib/board/goal";

interface GoalCornerPickerProps {
  /** The rows and columns the corners are named after, as they stand in the form. */
  grid: Pick<Grid, "rows" | "columns">;
  value: GoalCorner | null;
  onChange(goal: GoalCorner | null): void;
}

/** Where each corner's choice sits in the little square: the layout is the grid's own. */
const PLACE: Record<GoalCorner, string> = {
  "top-left": "col-start-1 row-start-1",
  "top-right": "col-start-2 row-start-1",
  "bottom-left": "col-start-1 row-start-2",
  "bottom-right": "col-start-2 row-start-2",
};

/**
 * The corner the group aims for, chosen on a picture of the grid: four corners, each named by the
 * row and column that meet there ("High impact, Low effort"), and "No goal". Radio buttons, so the
 * arrow keys move between them as everywhere else.
 */
export function GoalCornerPicker({ grid, value, onChange }: GoalCornerPickerProps) {
  const ids = useId();
  const radio = "size-4 shrink-0 accent-indigo-600";
  return (
    <fieldset className="space-y-2" aria-describedby={`${ids}-hint`}>
      <legend className="text-sm font-medium text-slate-900">Goal corner</legend>
      <p id={`${ids}-hint`} className="text-sm text-slate-600">
        Where the group wants items to end up. Items are then ranked by how close the group puts them to it (“Priorities”).
      </p>
      <div className="grid max-w-xl grid-cols-2 grid-rows-2 gap-1.5 rounded-xl border border-slate-300 bg-slate-50 p-1.5">
        {GOAL_CORNERS.map((corner) => (
          <label
            key={corner}
            className={`${PLACE[corner]} flex cursor-pointer items-start gap-2 rounded-lg border border-slate-200 bg-white p-2.5 text-sm leading-snug hover:border-slate-400 has-checked:border-indigo-600 has-checked:bg-indigo-50 has-checked:ring-1 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600`}
          >
            <input type="radio" name={`${ids}-goal`} className={`mt-0.5 ${radio}`} checked={value === corner} onChange={() => onChange(corner)} />
            <span>
              <span className="block font-medium text-slate-900">{GOAL_CORNER_WORDS[corner]}</span>
              <span className="block text-slate-600">{goalCornerName(grid, corner)}</span>
            </span>
          </label>
        ))}
      </div>
      <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-slate-900">
        <input type="radio" name={`${ids}-goal`} className={radio} checked={value === null} onChange={() => onChange(null)} />
        No goal corner (no priorities)
      </label>
    </fieldset>
  );
}
