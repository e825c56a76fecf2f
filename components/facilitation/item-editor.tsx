"use client";

import { useState, type FormEvent } from "react";
import { LIMITS } from "../../lib/board/schema";
import { FormActions } from "../ui/button";
import { Field, TextField, textControlClass } from "../ui/field";

interface ItemEditorProps {
  initial?: { text: string; note?: string };
  submitLabel: string;
  onSubmit(value: { text: string; note?: string }): void;
  onCancel?(): void;
  /** Editing an item in place: the keyboard starts in its text, and Escape cancels. */
  autoFocus?: boolean;
}

/** Text and optional note of an item, checked against the board's limits before anything is written. */
export function ItemEditor({ initial, submitLabel, onSubmit, onCancel, autoFocus = false }: ItemEditorProps) {
  const [text, setText] = useState(initial?.text ?? "");
  const [note, setNote] = useState(initial?.note ?? "");
  const [error, setError] = useState<{ field: "text" | "note"; message: string } | null>(null);

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

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      noValidate
      className="space-y-3"
    >
      <TextField
        label="Item text"
        autoFocus={autoFocus}
        size="lg"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error?.field === "text" ? error.message : null}
        announceError
      />
      <Field
        label={
          <>
            Note <span className="font-normal text-slate-600">(optional)</span>
          </>
        }
        error={error?.field === "note" ? error.message : null}
        announceError
      >
        {(control) => <textarea {...control} value={note} rows={2} onChange={(e) => setNote(e.target.value)} className={textControlClass({ size: "lg" })} />}
      </Field>
      <FormActions submit={submitLabel} onCancel={onCancel} />
    </form>
  );
}
