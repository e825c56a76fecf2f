"use client";

import { useEffect, useState } from "react";
import type { Role } from "../lib/board/schema";
import { checkAccess } from "../lib/client/access";
import { describeError } from "../lib/client/http";
import { DENIAL_TEXT } from "../components/board/board-notice";
import { takeBoardKey } from "../lib/client/session/board-keys";

export type BoardData<T> =
  | { kind: "loading" }
  | { kind: "failed"; title: string; body: string; request: string }
  | { kind: "ready"; value: T; key: string; role: Role; request: string };

/**
 * Loads read-only data of a board (its snapshots, a comparison) with the key
 * this tab holds for it. `request` names what is asked for: while a new
 * request is on its way the last answer stays on screen, marked stale by
 * `request` no longer matching.
 */
export function useBoardData<T>(id: string, request: string, load: (key: string, signal: AbortSignal) => Promise<T>): BoardData<T> {
  const [state, setState] = useState<BoardData<T>>({ kind: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    const key = takeBoardKey(id);
    (async () => {
      const access = await checkAccess(id, key, abort.signal);
      if (access.kind === "denied") return setState({ kind: "failed", ...DENIAL_TEXT[access.reason], request });
      if (access.kind === "unreachable") return setState({ kind: "failed", title: "The server could not be reached", body: access.detail, request });
      if (!key) return setState({ kind: "failed", ...DENIAL_TEXT["missing-key"], request });
      const value = await load(key, abort.signal);
      setState({ kind: "ready", value, key, role: access.role, request });
    })().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      setState({ kind: "failed", title: "This could not be loaded", body: describeError(error), request });
    });
    return () => abort.abort();
    // `load` is keyed by `request`: a new function for the same request asks for the same data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, request]);
  return state;
}
