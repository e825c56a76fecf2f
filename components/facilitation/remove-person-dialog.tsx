"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useModalDialog } from "../../hooks/use-modal-dialog";
import type { RemovePlacements } from "../../lib/api/seats";
import { Button } from "../ui/button";

interface RemovePersonDialogProps {
  name: string;
  /** Removes them; rejects with the words to show when it did not work. */
  onRemove(placements: RemovePlacements): Promise<void>;
  onClose(): void;
}

const CHOICES: ReadonlyArray<{ value: RemovePlacements; label: string; hint: string }> = [
  { value: "keep", label: "Keep their notes on the board", hint: "What they placed still counts, under their name." },
  { value: "delete", label: "Take their notes off too", hint: "Their placements and reasons leave every screen now." },
];

/**
 * Asks the facilitator to confirm removing a person, and what becomes of their notes. A modal
 * dialog: the rest of the page waits, Escape cancels, and focus comes back where it was.
 */
export function RemovePersonDialog({ name, onRemove, onClose }: RemovePersonDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [placements, setPlacements] = useState<RemovePlacements>("keep");
  const [state, setState] = useState<"choosing" | "removing" | { problem: string }>("choosing");
  const headingId = useId();
  const bodyId = useId();
  const removing = state === "removing";

  useModalDialog(dialog);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (removing) return;
    setState("removing");
    try {
      await onRemove(placements);
    } catch (err) {
      setState({ problem: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        if (!removing) onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-800 shadow-2xl backdrop:bg-slate-950/50"
    >
      <form onSubmit={(e) => void submit(e)} className="space-y-5 p-6 sm:p-7">
        <div className="space-y-2">
          <h2 id={headingId} className="text-xl font-semibold tracking-tight text-balance text-slate-900">
            Remove {name} from this board?
          </h2>
          <p id={bodyId} className="text-pretty text-slate-700">
            Their seat stops working and their open pages close. The link still opens the board: replace the participant link to keep
            someone out.
          </p>
        </div>
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Their notes</legend>
          {CHOICES.map((choice) => (
            <label
              key={choice.value}
              className="flex cursor-pointer gap-3 rounded-xl border border-slate-200 p-3 has-checked:border-indigo-400 has-checked:bg-indigo-50/70 has-focus-visible:ring-2 has-focus-visible:ring-indigo-500"
            >
              <input
                type="radio"
                name="placements"
                value={choice.value}
                checked={placements === choice.value}
                onChange={() => setPlacements(choice.value)}
                disabled={removing}
                className="mt-1 size-4 shrink-0 accent-indigo-700"
              />
              <span>
                <span className="block font-medium text-slate-900">{choice.label}</span>
                <span className="block text-sm text-slate-600">{choice.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {typeof state === "object" && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.problem}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button size="lg" onClick={onClose} disabled={removing}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" size="lg" disabled={removing} aria-busy={removing || undefined}>
            {removing ? "Removing…" : `Remove ${name}`}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
