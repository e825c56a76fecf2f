"use client";

import { useId } from "react";
import { goalCell } from "../../lib/board/goal";
import type { GoalCorner } from "../../lib/board/schema";
import { TEMPLATES, type TemplateName } from "../../lib/board/templates";

/** The templates as the home page groups them: the essay's map, the prioritisation matrices, and one's own grid. */
const GROUPS: ReadonlyArray<{ title: string; names: readonly TemplateName[] }> = [
  { title: "Reading group", names: ["alignment"] },
  { title: "Prioritization", names: ["impact-effort", "impact-effort-3x3", "urgent-important", "value-confidence", "risk-3x3", "risk-5x5"] },
  { title: "Your own", names: ["blank"] },
];

interface TemplatePickerProps {
  value: TemplateName;
  onChange(template: TemplateName): void;
  errorId?: string;
  error?: string;
}

/**
 * The templates a board starts from, as radio cards: each with a small picture of its grid (its
 * shape, and its goal corner marked) and what it is for.
 */
export function TemplatePicker({ value, onChange, errorId, error }: TemplatePickerProps) {
  const ids = useId();
  return (
    <fieldset className="space-y-4" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-900">Template</legend>
      {GROUPS.map((group) => (
        <div key={group.title} role="group" aria-labelledby={`${ids}-${group.names[0]}-group`} className="space-y-2">
          <p id={`${ids}-${group.names[0]}-group`} className="text-xs font-semibold tracking-wider text-slate-600 uppercase">
            {group.title}
          </p>
          <div className="grid gap-2">
            {group.names.map((name) => {
              const t = TEMPLATES[name];
              return (
                <label
                  key={name}
                  className={`flex cursor-pointer items-start gap-3 rounded-xl border border-slate-300 bg-white p-3 transition-colors hover:border-slate-400 has-checked:border-indigo-600 has-checked:bg-indigo-50/60 has-checked:ring-1 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600`}
                >
                  <input
                    type="radio"
                    name="template"
                    value={name}
                    checked={value === name}
                    onChange={() => onChange(name)}
                    aria-describedby={`${ids}-${name}-description`}
                    className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus:outline-none"
                  />
                  <span className="min-w-0 flex-1 space-y-1">
                    <span className="block font-medium text-slate-900">{t.label}</span>
                    <span id={`${ids}-${name}-description`} className="block text-sm leading-snug text-slate-600">
                      {t.description}
                    </span>
                  </span>
                  <GridThumbnail rows={t.grid.rows.length} columns={t.grid.columns.length} goal={t.goal} />
                </label>
              );
            })}
          </div>
        </div>
      ))}
      {error && (
        <p id={errorId} className="text-sm font-medium text-rose-800">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A template's grid in miniature: its cells, and its goal corner filled in. Decoration: the description says the rest. */
export function GridThumbnail({ rows, columns, goal }: { rows: number; columns: number; goal: GoalCorner | null }) {
  const target = goal ? goalCell({ rows, columns }, goal) : null;
  return (
    <span
      aria-hidden="true"
      className="mt-0.5 grid size-12 shrink-0 gap-px overflow-hidden rounded-md border border-slate-300 bg-slate-300"
      style={{ gridTemplateColumns: `repeat(${columns}, 1fr)`, gridTemplateRows: `repeat(${rows}, 1fr)` }}
    >
      {Array.from({ length: rows * columns }, (_, i) => {
        const isGoal = target !== null && Math.floor(i / columns) === target.row && i % columns === target.col;
        return <span key={i} className={isGoal ? "bg-indigo-500" : "bg-white"} />;
      })}
    </span>
  );
}
