import { IssuedJoinCodeSchema, JoinTargetSchema, normalizeJoinCode, type IssuedJoinCode } from "../api/schemas";
import { ApiFailure, boardPath, callApi, describeError } from "./http";

/** What became of a typed join code. */
export type JoinLookup =
  | { kind: "found"; link: string }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "unreachable"; detail: string };

/** A fresh join code for the board (facilitator key). Throws an ApiFailure that says why when there is none. */
export const issueJoinCode = (boardId: string, facilitatorKey: string): Promise<IssuedJoinCode> =>
  callApi(boardPath(boardId, "/codes", facilitatorKey), { method: "POST", expect: 201, schema: IssuedJoinCodeSchema, what: "a join code" });

/** Where a join code leads, as a person typed it. */
export async function lookUpJoinCode(typed: string, signal?: AbortSignal): Promise<JoinLookup> {
  try {
    const target = await callApi(`/api/join/${encodeURIComponent(normalizeJoinCode(typed))}`, { schema: JoinTargetSchema, signal });
    return { kind: "found", link: target.link };
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    const { failure } = err;
    if (failure.kind === "refused" && failure.status === 404) return { kind: "unknown" };
    if (failure.kind === "refused" && failure.status === 410) return { kind: "expired" };
    if (failure.kind === "refused" && failure.status === 429) return { kind: "limited", retryAfterSeconds: failure.retryAfterSeconds ?? 60 };
    return { kind: "unreachable", detail: describeError(err) };
  }
}
