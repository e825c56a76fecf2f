import { ServerTimeSchema } from "../api/schemas";
import { ApiFailure, callApi } from "./http";

/**
 * How far this device's clock is from the server's, in ms (server − local),
 * measured NTP-style: of a few round trips to /api/time, the quickest one
 * counts, with the server's reading taken to be from the middle of it.
 */
export async function measureClockOffset(samples = 5, signal?: AbortSignal): Promise<number> {
  let best: { rtt: number; offset: number } | null = null;
  let lastFailure: ApiFailure | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = Date.now();
    try {
      const { now } = await callApi("/api/time", { schema: ServerTimeSchema, signal, what: "a time" });
      const received = Date.now();
      const rtt = received - sent;
      if (!best || rtt < best.rtt) best = { rtt, offset: now - (sent + received) / 2 };
    } catch (err) {
      // One lost sample is no reason to give up on the others.
      if (!(err instanceof ApiFailure)) throw err;
      lastFailure = err;
    }
  }
  if (!best) throw lastFailure ?? new ApiFailure({ kind: "unreachable" });
  return best.offset;
}
