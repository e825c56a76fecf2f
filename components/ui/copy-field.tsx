"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "./button";
import { Field } from "./field";

/** Clipboard access needs a secure context; a LAN address over plain http falls back to the selection. */
async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/** What a copy button says for a moment after it was pressed ("Copied", or how to copy by hand). */
export function useCopyFeedback(): [string, (feedback: string) => void] {
  const [feedback, setFeedback] = useState("");
  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(""), 2500);
    return () => clearTimeout(timer);
  }, [feedback]);
  return [feedback, setFeedback];
}

export function CopyField({ label, hint, value }: { label: string; hint?: string; value: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useCopyFeedback();

  async function onCopy() {
    const input = inputRef.current;
    if (!input) return;
    setFeedback((await copyText(input)) ? "Copied" : "Press Ctrl+C to copy");
  }

  return (
    <Field label={label} hint={hint}>
      {(control) => (
        <>
          <div className="flex gap-2">
            <input
              ref={inputRef}
              {...control}
              type="text"
              readOnly
              value={value}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800 focus-field"
            />
            <Button onClick={onCopy} aria-label={`Copy ${label.toLowerCase()}`} className="w-20 shrink-0">
              {feedback === "Copied" ? "Copied" : "Copy"}
            </Button>
          </div>
          <p aria-live="polite" className={feedback && feedback !== "Copied" ? "text-sm text-slate-700" : "sr-only"}>
            {feedback}
          </p>
        </>
      )}
    </Field>
  );
}
