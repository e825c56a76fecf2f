"use client";

import { useEffect, useState } from "react";
import { refusalText } from "../../lib/board/refusal-text";
import type { Refusal } from "../../lib/board/refusals";
import { Button } from "../ui/button";

/** Long enough to read twice; the page has already been put back as it was. */
const SHOWN_MS = 8000;

/**
 * Says, briefly, that a change of this person's was not accepted and why: the server puts the
 * board back as it was, and without a word a note that jumps back looks like a fault.
 */
export function RefusalMessage({ refusal }: { refusal: Refusal }) {
  // The refusal last dismissed, or shown long enough.
  const [done, setDone] = useState<number | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDone(refusal.at), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [refusal]);
  if (done === refusal.at) return null;
  return (
    <div className="pointer-events-auto flex max-w-lg items-center gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow-lg">
      <p>{refusalText(refusal.reason)}</p>
      <Button size="sm" variant="quiet" onClick={() => setDone(refusal.at)}>
        Dismiss
      </Button>
    </div>
  );
}
