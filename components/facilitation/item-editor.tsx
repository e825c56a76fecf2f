"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "../../lib/board/schema";

interface ItemEditorProps {
  initial?: { text: string; note?: string };
  submitLabel: string;
  onSubmit(value: { text: string; note?: string }): void;
  onCancel?(): void;
}

/** Text and optional note of an item, checked against the board's limits before anything is written. */
export function ItemEditor({ initial, submitLabel, onSubmit, onCancel }: ItemEditorProps) {
  const [text, setText] = useState(initial?.text ?? "");
  const [note, setNote] = useState(initial?.note ?? "");
  const [error, setError] = useState<{ field: "text" | "note"; message: string } | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const t = text.trim();
    const n = note.trim();
    if (t.length === 0) return setError({ field: "text", message: "An item needs some text." });
    if (t.length > LIMITS.itemTextMax) return setError({ field: "text", message: `Keep the text to ${LIMITS.itemTextMax} characters (now ${t.length}).` });
    if (n.length > LIMITS.itemNoteMax) return setError({ field: "note", message: `Keep the note to ${LIMITS.itemNoteMax} characters (now ${n.length}).` });
    setError(null);
    onSubmit(n ? { text: t, note: n } : { text: t });
    if (!initial) {
      setText("");
      setNote("");
    }
  };

  const field =
    "mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus-field";
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div>
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-800">
          Item text
        </label>
        <input
          id={`${id}-text`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error?.field === "text" ? true : undefined}
          aria-describedby={error?.field === "text" ? `${id}-error` : undefined}
          className={field}
        />
      </div>
      <div>
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
          Note <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={error?.field === "note" ? true : undefined}
          aria-describedby={error?.field === "note" ? `${id}-error` : undefined}
          className={field}
        />
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          className="rounded-lg bg-indigo-700 px-4 py-2 font-semibold text-white shadow-sm hover:bg-indigo-800 focus-ring-offset"
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50 focus-ring"
          >
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
