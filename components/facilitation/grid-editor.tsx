"use client";

import { useState } from "react";
import type { GoalCorner, Grid } from "../../lib/board/schema";
import { Button } from "../ui/button";
import { AxisEditor, axisErrors, draftsOf, gridOf, namedAxes } from "./axis-editor";
import { GoalCornerPicker } from "./goal-corner-picker";

/**
 * The facilitator renames rows and columns, edits their hints and chooses the
 * goal corner while the board is live. The shape stays: placements are
 * coordinates in the grid, so adding or removing a row mid-session would move
 * or drop them.
 */
export function GridEditor({ grid, goal, onSave, onClose }: { grid: Grid; goal: GoalCorner | null; onSave(grid: Grid, goal: GoalCorner | null): void; onClose(): void }) {
  const [rows, setRows] = useState(() => draftsOf(grid.rows));
  const [columns, setColumns] = useState(() => draftsOf(grid.columns));
  const [corner, setCorner] = useState(goal);
  const [errors, setErrors] = useState<{ rows?: Record<string, string>; columns?: Record<string, string> }>({});
  return (
    <form
      aria-label="Edit the grid"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const next = { rows: axisErrors(rows, "row"), columns: axisErrors(columns, "column") };
        if (next.rows || next.columns) {
          setErrors(next);
          const form = e.currentTarget;
          requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
          return;
        }
        onSave(gridOf(rows, columns), corner);
        onClose();
      }}
      className="mt-3 space-y-4 rounded-xl border border-indigo-200 bg-white p-3 sm:p-4"
    >
      <div className="grid gap-5 md:grid-cols-2">
        <AxisEditor title="Rows" noun="row" axes={rows} errors={errors.rows ?? {}} onChange={setRows} />
        <AxisEditor title="Columns" noun="column" axes={columns} errors={errors.columns ?? {}} onChange={setColumns} />
      </div>
      <GoalCornerPicker grid={{ rows: namedAxes(rows), columns: namedAxes(columns) }} value={corner} onChange={setCorner} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Save grid and goal
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
