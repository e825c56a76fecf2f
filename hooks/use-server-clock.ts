"use client";

import { useEffect, useState } from "react";
import { measureClockOffset } from "../lib/client/clock";

/** The server clock's offset for this page, measured once; null until known, 0 if it cannot be measured. */
export function useClockOffset(): number | null {
  const [offset, setOffset] = useState<number | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    measureClockOffset(5, abort.signal).then(setOffset, () => !abort.signal.aborted && setOffset(0));
    return () => abort.abort();
  }, []);
  return offset;
}
