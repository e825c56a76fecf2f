"use client";

import { useEffect, useRef, useState } from "react";
import { IDLE_DRAFT, stepReason, type ReasonDraft, type ReasonEvent } from "../components/board/reason-draft";

/** Long enough not to write on every keystroke, short enough that a closed tab loses at most a word. */
const PAUSE_MS = 600;

export type ReasonStatus = "idle" | "saved" | "unsaved";

/**
 * A reason as it is being written, saved after a pause in typing, on Enter and on leaving the
 * field, and once more when the field goes away (another item selected, the panel closed), so
 * typed text is never dropped. A write that cannot happen (`save` says no) keeps the text shown,
 * and it is written when `writable` comes back.
 */
export function useReasonDraft(saved: string, save: (text: string) => boolean, writable: boolean) {
  const [draft, setDraft] = useState<ReasonDraft>(IDLE_DRAFT);
  const [status, setStatus] = useState<ReasonStatus>("idle");
  // Whether the person has finished (Enter, leaving the field) since they last typed: only then is the outcome worth saying aloud.
  const [finished, setFinished] = useState(false);
  const current = useRef({ draft, saved, save });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    current.current.saved = saved;
    current.current.save = save;
  }, [saved, save]);

  const apply = (event: ReasonEvent) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const before = current.current.draft;
    const step = stepReason(before, event, current.current.saved);
    let next = step.draft;
    if (step.write !== null) {
      const written = current.current.save(step.write);
      // Not written (the board is locked, say): what they typed stays in the field for the next try.
      if (!written) next = { text: step.write, before: before.before };
      setStatus(written ? "saved" : "unsaved");
    }
    current.current.draft = next;
    setDraft(next);
  };
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });

  // Text kept while the board was locked is written once it opens again, not only at the next keystroke.
  useEffect(() => {
    if (writable && current.current.draft.text !== null && timer.current === null) applyRef.current({ kind: "pause" });
  }, [writable]);

  // The field going away is one more chance to write what was typed.
  useEffect(
    () => () => {
      if (current.current.draft.text !== null) applyRef.current({ kind: "finish" });
    },
    [],
  );

  return {
    /** What the field shows. */
    value: draft.text ?? saved,
    status,
    /** The status once the person has finished writing, "idle" while they are still at it. */
    settled: finished ? status : ("idle" as ReasonStatus),
    type(text: string) {
      apply({ kind: "type", text });
      setStatus("idle");
      setFinished(false);
      timer.current = setTimeout(() => applyRef.current({ kind: "pause" }), PAUSE_MS);
    },
    finish() {
      apply({ kind: "finish" });
      setFinished(true);
    },
    revert: () => apply({ kind: "revert" }),
  };
}
