import { IssuedJoinCodeSchema, JoinTargetSchema, normalizeJoinCode, type IssuedJoinCode } from "../api/schemas";

/** What became of a typed join code. */
export type JoinLookup =
  | { kind: "found"; link: string }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "unreachable"; detail: string };

const errorOf = async (res: Response): Promise<string> => {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === "string" ? body.error : `the server answered ${res.status}`;
};

/** A fresh join code for the board (facilitator key). Throws with the server's reason when there is none. */
export async function issueJoinCode(boardId: string, facilitatorKey: string): Promise<IssuedJoinCode> {
  const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/codes?key=${encodeURIComponent(facilitatorKey)}`, { method: "POST" });
  if (res.status !== 201) throw new Error(await errorOf(res));
  const parsed = IssuedJoinCodeSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new Error("the server sent a join code this page does not understand");
  return parsed.data;
}

/** Where a join code leads, as a person typed it. */
export async function lookUpJoinCode(typed: string, signal?: AbortSignal): Promise<JoinLookup> {
  let res: Response;
  try {
    res = await fetch(`/api/join/${encodeURIComponent(normalizeJoinCode(typed))}`, { cache: "no-store", signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    return { kind: "unreachable", detail: "The server could not be reached." };
  }
  if (res.status === 404) return { kind: "unknown" };
  if (res.status === 410) return { kind: "expired" };
  if (res.status === 429) return { kind: "limited", retryAfterSeconds: Math.max(1, Number(res.headers.get("retry-after")) || 60) };
  if (!res.ok) return { kind: "unreachable", detail: `The server answered ${res.status}.` };
  const parsed = JoinTargetSchema.safeParse(await res.json().catch(() => null));
  // Only ever one of our own board pages.
  if (!parsed.success || !parsed.data.link.startsWith(`/b/${parsed.data.id}?`)) {
    return { kind: "unreachable", detail: "The server sent an answer this page does not understand." };
  }
  return { kind: "found", link: parsed.data.link };
}
