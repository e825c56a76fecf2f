"use client";

import { useEffect, useState } from "react";
import { connectBoard, type BoardConnection } from "../lib/board/connection";
import type { Role } from "../lib/board/schema";
import { checkAccess, type Access } from "../lib/client/access";
import { recallBoardLinks, takeBoardKey, type BoardLinks } from "../lib/client/session/board-keys";
import { participantIdFor } from "../lib/client/session/identity";

export type BoardAccess =
  | { kind: "checking" }
  | Exclude<Access, { kind: "ok" }>
  | { kind: "open"; connection: BoardConnection; key: string; role: Role; links: BoardLinks | null };

/** How often a dropped connection may re-ask the API whether the board or key is still valid. */
const RECHECK_MS = 10_000;

/**
 * Whether this page may open the board, and once it may, the open connection. The API is asked
 * first because a refused websocket upgrade reaches the browser only as a bare close.
 * `present`: the projector's view, which only watches whatever the key allows.
 */
export function useBoardAccess(id: string, present: boolean): { access: BoardAccess; retry(): void } {
  const [access, setAccess] = useState<BoardAccess>({ kind: "checking" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let connection: BoardConnection | null = null;
    const key = takeBoardKey(id, { present });
    checkAccess(id, key, abort.signal).then(
      (answer) => {
        if (answer.kind !== "ok") return setAccess(answer);
        if (!key) return setAccess({ kind: "denied", reason: "missing-key" });
        // Viewers and the projector write nothing of their own, so they have no participant id on the board.
        const participant = answer.role === "viewer" || present ? null : participantIdFor(id);
        connection = connectBoard(id, key, participant);
        setAccess({ kind: "open", connection, key, role: answer.role, links: recallBoardLinks(id) });
      },
      () => {
        // Aborted: this effect was cleaned up before the answer came.
      },
    );
    return () => {
      abort.abort();
      connection?.destroy();
    };
  }, [id, attempt, present]);

  // A refused upgrade looks like any dropped socket; when we go offline, ask the API whether it is for good.
  useEffect(() => {
    if (access.kind !== "open") return;
    const { connection, key } = access;
    const abort = new AbortController();
    let lastCheck = 0;
    const unsubscribe = connection.subscribe(() => {
      if (connection.status().kind !== "offline" || Date.now() - lastCheck < RECHECK_MS) return;
      lastCheck = Date.now();
      checkAccess(id, key, abort.signal).then(
        (answer) => {
          if (answer.kind !== "denied") return;
          connection.destroy();
          setAccess(answer);
        },
        () => {
          // Aborted, or unreachable again: the next offline notice asks again.
        },
      );
    });
    return () => {
      unsubscribe();
      abort.abort();
    };
  }, [id, access]);

  return {
    access,
    retry() {
      setAccess({ kind: "checking" });
      setAttempt((n) => n + 1);
    },
  };
}
