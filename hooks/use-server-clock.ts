"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * How far this device's clock is from the server's, in ms (server − local),
 * measured NTP-style: of a few round trips to /api/time, the quickest one
 * counts, with the server's reading taken to be from the middle of it.
 */
export async function measureClockOffset(samples = 5, signal?: AbortSignal): Promise<number> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = Date.now();
    const res = await fetch("/api/time", { cache: "no-store", signal });
    const received = Date.now();
    const body = (await res.json()) as { now?: unknown };
    if (!res.ok || typeof body.now !== "number" || !Number.isFinite(body.now)) continue;
    const rtt = received - sent;
    if (!best || rtt < best.rtt) best = { rtt, offset: body.now - (sent + received) / 2 };
  }
  if (!best) throw new Error("the server's clock could not be read");
  return best.offset;
}

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
