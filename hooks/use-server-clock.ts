"use client";

import { useCallback, useEffect, useState } from "react";
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

/** A function giving the server's time now, for stamping a timer's end. */
export function useServerNow(): () => number {
  const offset = useClockOffset();
  return useCallback(() => Date.now() + (offset ?? 0), [offset]);
}
