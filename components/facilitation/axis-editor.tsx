"use client";

import { useId } from "react";
import { LIMITS, type Grid } from "../../lib/board/schema";

export interface AxisDraft {
  /** A key for React and the grid's axis id; stable while the person edits the label. */
  id: string;
  label: string;
  hint: string;
}

interface AxisEditorProps {
  /** "Rows" or "Columns". */
  title: string;
  /** "row" or "column": used in button names such as "Add a row". */
  noun: string;
  axes: AxisDraft[];
  /** Messages keyed by "<index>.label" / "<index>.hint", or "" for the whole list. */
  errors: Record<string, string>;
  onChange(axes: AxisDraft[]): void;
  /** Absent: the number of axes is fixed (a live board's grid is renamed, never reshaped). */
  newId?: () => string;
}

export const draftsOf = (axes: Grid["rows"]): AxisDraft[] => axes.map((a) => ({ id: a.id, label: a.label, hint: a.hint ?? "" }));

/** Checks a blank board's axes before they are sent, with the same limits the server applies. */
export function axisErrors(axes: AxisDraft[], noun: string): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  axes.forEach((a, i) => {
    const label = a.label.trim();
    if (!label) errors[`${i}.label`] = `Give this ${noun} a name.`;
    else if (seen.has(label.toLowerCase())) errors[`${i}.label`] = `Another ${noun} already has this name.`;
    seen.add(label.toLowerCase());
  });
  return Object.keys(errors).length ? errors : undefined;
}

export const gridOf = (rows: AxisDraft[], columns: AxisDraft[]): Grid => {
  const axes = (list: AxisDraft[]) =>
    list.map((a) => (a.hint.trim() ? { id: a.id, label: a.label.trim(), hint: a.hint.trim() } : { id: a.id, label: a.label.trim() }));
  return { rows: axes(rows), columns: axes(columns) };
};

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus-field aria-invalid:border-rose-600";

/** The labels and hints of a blank board's rows or columns: two to five, each with an optional hint. */
export function AxisEditor({ title, noun, axes, errors, onChange, newId }: AxisEditorProps) {
  const ids = useId();
  const update = (i: number, change: Partial<AxisDraft>) => onChange(axes.map((a, j) => (j === i ? { ...a, ...change } : a)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">
        {title} <span className="font-normal text-slate-600">({LIMITS.axesMin}–{LIMITS.axesMax})</span>
      </legend>
      <ol className="space-y-3">
        {axes.map((axis, i) => {
          const labelError = errors[`${i}.label`];
          const hintError = errors[`${i}.hint`];
          const base = `${ids}-${axis.id}`;
          return (
            <li key={axis.id} className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
              <div className="flex items-end gap-2">
                <div className="min-w-0 flex-1 space-y-1">
                  <label htmlFor={`${base}-label`} className="block text-sm text-slate-700">
                    {title.slice(0, -1)} {i + 1}
                  </label>
                  <input
                    id={`${base}-label`}
                    value={axis.label}
                    maxLength={LIMITS.axisLabelMax}
                    autoComplete="off"
                    onChange={(e) => update(i, { label: e.target.value })}
                    aria-invalid={labelError ? true : undefined}
                    aria-describedby={labelError ? `${base}-label-error` : undefined}
                    className={inputClass}
                  />
                </div>
                {newId && (
                  <button
                    type="button"
                    disabled={axes.length <= LIMITS.axesMin}
                    onClick={() => onChange(axes.filter((_, j) => j !== i))}
                    aria-label={`Remove ${noun} ${i + 1}${axis.label.trim() ? `, ${axis.label.trim()}` : ""}`}
                    className="shrink-0 rounded-lg border border-slate-300 bg-white px-2.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-ring disabled:cursor-not-allowed disabled:opacity-50"
                  >
                    Remove
                  </button>
                )}
              </div>
              {labelError && (
                <p id={`${base}-label-error`} className="mt-1 text-sm font-medium text-rose-700">
                  {labelError}
                </p>
              )}
              <label htmlFor={`${base}-hint`} className="mt-2 block text-sm text-slate-700">
                Hint<span className="sr-only"> for {title.slice(0, -1).toLowerCase()} {i + 1}</span> <span className="text-slate-600">(optional)</span>
              </label>
              <input
                id={`${base}-hint`}
                value={axis.hint}
                maxLength={LIMITS.axisHintMax}
                autoComplete="off"
                placeholder="What belongs here"
                onChange={(e) => update(i, { hint: e.target.value })}
                aria-invalid={hintError ? true : undefined}
                aria-describedby={hintError ? `${base}-hint-error` : undefined}
                className={`mt-1 ${inputClass}`}
              />
              {hintError && (
                <p id={`${base}-hint-error`} className="mt-1 text-sm font-medium text-rose-700">
                  {hintError}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {errors[""] && <p className="text-sm font-medium text-rose-700">{errors[""]}</p>}
      {newId && (
        <button
          type="button"
          disabled={axes.length >= LIMITS.axesMax}
          onClick={() => onChange([...axes, { id: newId(), label: "", hint: "" }])}
          className="rounded-lg border border-dashed border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-ring disabled:cursor-not-allowed disabled:opacity-50"
        >
          Add a {noun}
        </button>
      )}
    </fieldset>
  );
}
