"use client";

import { Button } from "./button";
import { useCopyFeedback } from "./copy-field";

/**
 * Copies a value without showing it, where the field it comes from is folded away. Without
 * clipboard access there is nothing to select, so it says where the value can be copied by hand.
 */
export function CopyButton({ label, value, whereShown, className }: { label: string; value: string; whereShown: string; className?: string }) {
  const [feedback, setFeedback] = useCopyFeedback();
  async function onCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setFeedback("Copied");
    } catch {
      setFeedback(`Copy it from ${whereShown}`);
    }
  }
  return (
    <span className={`inline-flex items-center gap-2 ${className ?? ""}`.trim()}>
      <Button size="sm" onClick={onCopy} aria-label={`Copy ${label.toLowerCase()}`}>
        {feedback === "Copied" ? "Copied" : `Copy ${label.toLowerCase()}`}
      </Button>
      <span aria-live="polite" className={feedback && feedback !== "Copied" ? "text-sm text-slate-700" : "sr-only"}>
        {feedback}
      </span>
    </span>
  );
}
