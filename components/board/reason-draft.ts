import { LIMITS } from "../../lib/board/schema";

/**
 * A reason being written. While `text` is null the field shows the reason as the board has it, so a
 * change from elsewhere shows up; once the person types, their text is shown until they finish, and
 * nothing from the board overwrites it. `before` is the reason as it was when they started, for Escape.
 */
export interface ReasonDraft {
  text: string | null;
  before: string;
}

export const IDLE_DRAFT: ReasonDraft = { text: null, before: "" };

export type ReasonEvent =
  | { kind: "type"; text: string }
  /** A pause in typing: write what is there, and keep showing it exactly as typed. */
  | { kind: "pause" }
  /** Enter or leaving the field: write it, and show the board's reason again. */
  | { kind: "finish" }
  /** Escape: back to the reason as it was before this edit. */
  | { kind: "revert" };

/** What follows an event: the next draft, and the text to write, if anything needs writing. */
export interface ReasonStep {
  draft: ReasonDraft;
  write: string | null;
}

/** Only a change the board would store is written: the board keeps a reason trimmed. */
const writeIfChanged = (text: string, saved: string): string | null => (text.trim() === saved ? null : text);

/** `saved`: the reason as the board has it now. */
export function stepReason(draft: ReasonDraft, event: ReasonEvent, saved: string): ReasonStep {
  switch (event.kind) {
    case "type":
      return { draft: { text: event.text, before: draft.text === null ? saved : draft.before }, write: null };
    case "pause":
      return { draft, write: draft.text === null ? null : writeIfChanged(draft.text, saved) };
    case "finish":
      return { draft: IDLE_DRAFT, write: draft.text === null ? null : writeIfChanged(draft.text, saved) };
    case "revert":
      return { draft: IDLE_DRAFT, write: draft.text === null ? null : writeIfChanged(draft.before, saved) };
  }
}

/** Within this many characters of the limit, the field says how many are left. */
export const REMAINING_SHOWN_BELOW = 40;

/** "12 characters left" once a reason nears the limit; null before. */
export function remainingWords(text: string): string | null {
  const left = LIMITS.reasonMax - text.length;
  if (left > REMAINING_SHOWN_BELOW) return null;
  return left === 1 ? "1 character left" : `${Math.max(left, 0)} characters left`;
}
