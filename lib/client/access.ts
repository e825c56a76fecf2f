import { BoardAccessSchema } from "../api/schemas";
import type { Role } from "../board/schema";
import { ApiFailure, boardPath, callApi, describeError } from "./http";

export type AccessDenial = "unknown-board" | "missing-key" | "wrong-key";

export type Access =
  | { kind: "ok"; role: Role }
  | { kind: "denied"; reason: AccessDenial }
  | { kind: "unreachable"; detail: string };

const DENIALS: Record<number, AccessDenial> = { 404: "unknown-board", 401: "missing-key", 403: "wrong-key" };

/**
 * A refused websocket upgrade reaches the browser only as a bare close, and
 * y-websocket keeps retrying it. The board endpoint answers with the same
 * 404/401/403 the upgrade would, and with the key's role, so one cheap GET
 * tells us why up front and what this link may do.
 */
export async function checkAccess(id: string, key: string | null, signal?: AbortSignal): Promise<Access> {
  const path = key ? boardPath(id, "", key) : `/api/boards/${encodeURIComponent(id)}`;
  try {
    const { role } = await callApi(path, { schema: BoardAccessSchema, signal });
    return { kind: "ok", role };
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    const reason = DENIALS[err.status ?? 0];
    return reason ? { kind: "denied", reason } : { kind: "unreachable", detail: describeError(err) };
  }
}
