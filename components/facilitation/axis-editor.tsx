"use client";

import { LIMITS, type Grid } from "../../lib/board/schema";
import { Button } from "../ui/button";
import { Field, TextField, textControlClass } from "../ui/field";

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

/** Axis drafts as names read them (a goal corner's, say): a label not yet given is called by its number. */
export const namedAxes = (axes: AxisDraft[]) => axes.map((a, i) => ({ id: a.id, label: a.label.trim() || `#${i + 1}` }));

/** The labels and hints of a blank board's rows or columns: two to five, each with an optional hint. */
export function AxisEditor({ title, noun, axes, errors, onChange, newId }: AxisEditorProps) {
  const update = (i: number, change: Partial<AxisDraft>) => onChange(axes.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const axisName = title.slice(0, -1);
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">
        {title} <span className="font-normal text-slate-600">({LIMITS.axesMin}–{LIMITS.axesMax})</span>
      </legend>
      <ol className="space-y-3">
        {axes.map((axis, i) => (
          <li key={axis.id} className="space-y-2 rounded-lg border border-slate-200 bg-slate-50/60 p-3">
            <Field label={`${axisName} ${i + 1}`} error={errors[`${i}.label`]}>
              {(control) => (
                <div className="flex gap-2">
                  <input
                    {...control}
                    value={axis.label}
                    maxLength={LIMITS.axisLabelMax}
                    autoComplete="off"
                    onChange={(e) => update(i, { label: e.target.value })}
                    className={textControlClass({ className: "min-w-0 flex-1" })}
                  />
                  {newId && (
                    <Button
                      disabled={axes.length <= LIMITS.axesMin}
                      onClick={() => onChange(axes.filter((_, j) => j !== i))}
                      aria-label={`Remove ${noun} ${i + 1}${axis.label.trim() ? `, ${axis.label.trim()}` : ""}`}
                      className="shrink-0"
                    >
                      Remove
                    </Button>
                  )}
                </div>
              )}
            </Field>
            <TextField
              label={
                <>
                  Hint<span className="sr-only"> for {axisName.toLowerCase()} {i + 1}</span> <span className="font-normal text-slate-600">(optional)</span>
                </>
              }
              error={errors[`${i}.hint`]}
              value={axis.hint}
              maxLength={LIMITS.axisHintMax}
              autoComplete="off"
              placeholder="What belongs here"
              onChange={(e) => update(i, { hint: e.target.value })}
            />
          </li>
        ))}
      </ol>
      {errors[""] && <p className="text-sm font-medium text-rose-700">{errors[""]}</p>}
      {newId && (
        <Button disabled={axes.length >= LIMITS.axesMax} onClick={() => onChange([...axes, { id: newId(), label: "", hint: "" }])}>
          Add a {noun}
        </Button>
      )}
    </fieldset>
  );
}
