import { SeatSchema, type Seat, type TakeSeatBody } from "../lib/api/seats";

/**
 * Takes a seat on a board over HTTP (contract v2, "Seats"), as a person joining does, from Node: the
 * one way every test, bench and tool outside the browser seats its people. With the facilitator's
 * key a seat may claim any id nobody has a seat for. Throws with the server's answer when it refuses.
 */
export async function takeSeatOverHttp(baseUrl: string, boardId: string, key: string, body: TakeSeatBody, timeoutMs = 10_000): Promise<Seat> {
  const res = await fetch(`${baseUrl}/api/boards/${encodeURIComponent(boardId)}/seats?key=${encodeURIComponent(key)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /api/boards/<id>/seats → ${res.status}: ${text.slice(0, 200)}`);
  return SeatSchema.parse(JSON.parse(text));
}
