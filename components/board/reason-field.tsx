"use client";

import { useId, type Ref } from "react";
import { LIMITS } from "../../lib/board/schema";
import { useReasonDraft } from "../../hooks/use-reason-draft";
import { textControlClass } from "../ui/field";
import { remainingWords } from "./reason-draft";

interface ReasonFieldProps {
  itemText: string;
  /** This person's reason for their placement, as the board has it ("" for none). */
  saved: string;
  /** Why they cannot change it right now, if they cannot. */
  blocked: string | null;
  /** Writes the reason (empty: none); false when it could not be written. */
  onSave(text: string): boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * "Why here?" beside a person's own note: optional, one line, saved as they type. Nothing moves
 * the keyboard here; placing stays one action, and the reason is there for whoever wants to give one.
 */
export function ReasonField({ itemText, saved, blocked, onSave, inputRef }: ReasonFieldProps) {
  const id = useId();
  const reason = useReasonDraft(saved, (text) => blocked === null && onSave(text), blocked === null);
  const remaining = remainingWords(reason.value);
  // Why it is blocked is said once, above the grid; here only that it is.
  const note =
    blocked !== null
      ? "Locked for now"
      : reason.status === "saved"
        ? "Saved"
        : reason.status === "unsaved"
          ? "Not saved yet"
          : "Optional. Shown with your name beside the item.";
  return (
    <div className="basis-full">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        Why here?<span className="sr-only"> Your reason for placing {itemText} there</span>
      </label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        value={reason.value}
        maxLength={LIMITS.reasonMax}
        readOnly={blocked !== null}
        autoComplete="off"
        enterKeyHint="done"
        placeholder="A few words for the discussion"
        aria-describedby={`${id}-note ${id}-left`}
        onChange={(e) => reason.type(e.target.value)}
        onBlur={reason.finish}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            reason.finish();
          } else if (e.key === "Escape") {
            // The reason goes back to what it was; the panel around it stays open.
            e.stopPropagation();
            reason.revert();
          }
        }}
        className={textControlClass({ className: "mt-1 scroll-mb-4 max-sm:text-base read-only:bg-slate-100" })}
      />
      <div className="mt-1 flex justify-between gap-3 text-xs">
        {/* Seen as soon as a pause saves; said aloud only once they finish, not after every pause in their typing. */}
        <p id={`${id}-note`} className={reason.status === "saved" && !blocked ? "text-emerald-800" : "text-slate-600"}>
          {reason.status === "saved" && !blocked && (
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mr-1 inline size-3.5 -translate-y-px">
              <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-7.5 7.5a1 1 0 0 1-1.4 0L3.3 9.7a1 1 0 1 1 1.4-1.4l3.8 3.8 6.8-6.8a1 1 0 0 1 1.4 0Z" />
            </svg>
          )}
          {note}
        </p>
        <p aria-live="polite" className="sr-only">
          {blocked === null && reason.settled === "saved" ? "Saved" : blocked === null && reason.settled === "unsaved" ? "Not saved yet" : ""}
        </p>
        <p id={`${id}-left`} className={`shrink-0 tabular-nums ${remaining?.startsWith("0 ") ? "font-semibold text-rose-800" : "text-slate-600"}`}>
          {remaining}
        </p>
      </div>
    </div>
  );
}
