import { RoleSchema, type Role } from "../board/schema";

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
  const query = key ? `?key=${encodeURIComponent(key)}` : "";
  let res: Response;
  try {
    res = await fetch(`/api/boards/${encodeURIComponent(id)}${query}`, { cache: "no-store", signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    return { kind: "unreachable", detail: "The server could not be reached." };
  }
  if (res.ok) {
    const body = (await res.json().catch(() => null)) as { role?: unknown } | null;
    const role = RoleSchema.safeParse(body?.role);
    if (role.success) return { kind: "ok", role: role.data };
    return { kind: "unreachable", detail: "The server sent an answer this page does not understand." };
  }
  const reason = DENIALS[res.status];
  if (reason) return { kind: "denied", reason };
  return { kind: "unreachable", detail: `The server answered ${res.status}.` };
}
