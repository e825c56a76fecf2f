"use client";

import { useId, useState, type FormEvent } from "react";
import { describeError } from "../../lib/client/http";
import { deleteBoard } from "../../lib/client/link-control";
import { forgetDeletedBoard } from "../../lib/client/session/link-changes";
import { Button } from "../ui/button";

/**
 * Deleting the board, at the foot of the facilitator's full links panel: it cannot be undone, so the board's title must be
 * typed exactly first. Everyone connected is let go with "This board was deleted".
 */
export function DangerZone({ boardId, facilitatorKey, title }: { boardId: string; facilitatorKey: string; title: string }) {
  const [typed, setTyped] = useState("");
  const [state, setState] = useState<"idle" | "deleting" | { problem: string }>("idle");
  const headingId = useId();
  const fieldId = useId();
  const hintId = useId();
  const matches = typed === title;
  const deleting = state === "deleting";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches || deleting) return;
    setState("deleting");
    try {
      await deleteBoard(boardId, facilitatorKey);
    } catch (err) {
      setState({ problem: describeError(err, "The board was not deleted") });
      return;
    }
    forgetDeletedBoard(boardId, title);
    window.location.assign("/");
  };

  return (
    <section aria-labelledby={headingId} className="space-y-3 border-t border-red-200 pt-4">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-red-900">
          Danger zone
        </h3>
        <p className="mt-1 text-sm text-slate-700">
          Deleting the board removes it with its history, snapshots and join codes, for good. Everyone connected sees that it was deleted;
          every link to it stops working. Download what you want to keep first.
        </p>
      </div>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div className="space-y-1.5">
          <label htmlFor={fieldId} className="block text-sm font-medium text-slate-900">
            Type the board’s title to confirm
          </label>
          <p id={hintId} className="text-sm text-slate-600">
            Exactly: <span className="font-mono break-words text-slate-900">{title}</span>
          </p>
          <input
            id={fieldId}
            aria-describedby={hintId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus-ring"
          />
        </div>
        <Button type="submit" variant="danger" disabled={!matches || deleting} aria-busy={deleting || undefined}>
          {deleting ? "Deleting…" : "Delete this board"}
        </Button>
        {typeof state === "object" && (
          <p role="alert" className="text-sm text-rose-800">
            {state.problem}
          </p>
        )}
      </form>
    </section>
  );
}
