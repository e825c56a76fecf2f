"use client";

import { useCallback, useEffect, useState } from "react";
import { connectBoard, type BoardConnection } from "../lib/board/connection";
import type { Role } from "../lib/board/schema";
import { checkAccess, type Access } from "../lib/client/access";
import { recallBoardLinks, takeBoardKey, type BoardLinks } from "../lib/client/session/board-keys";
import { forgetSeat, seatFor } from "../lib/client/session/board-seats";
import { participantIdFor } from "../lib/client/session/identity";
import { forgetLocalCopies, keepsLocalCopy, localCopyName, recordUnsentEdits, unsentEditsIn } from "../lib/client/session/local-copies";

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
        if (answer.kind !== "ok") {
          forgetIfGone(id, answer);
          return setAccess(answer);
        }
        if (!key) return setAccess({ kind: "denied", reason: "missing-key" });
        // Viewers and the projector write nothing of their own: no participant id on the board, and no copy kept here.
        const name = !present && keepsLocalCopy(answer.role) ? localCopyName(id, answer.role) : null;
        // A participant is who their seat says (none yet: they take one on joining); a facilitator writes
        // anything, under this device's own id, and needs no seat to.
        const seat = name && answer.role === "participant" ? seatFor(id) : null;
        const participant = !name ? null : answer.role === "participant" ? (seat?.participant ?? null) : participantIdFor(id);
        const localCopy = name === null ? null : { name, unsentUnder: unsentEditsIn(name), recordUnsent: (clientId: number | null) => recordUnsentEdits(name, clientId) };
        connection = connectBoard(id, key, { participant, seat: seat?.seat ?? null, localCopy });
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
          // A close the server gave its reason for (a replaced link, a deleted board) says more than a status can.
          if (answer.kind !== "denied" || connection.status().kind === "closed") return;
          connection.destroy();
          forgetIfGone(id, answer);
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

  // One function for the page's lifetime, so effects that call it do not run again for a new one.
  const retry = useCallback(() => {
    setAccess({ kind: "checking" });
    setAttempt((n) => n + 1);
  }, []);
  return { access, retry };
}

/**
 * A board the server no longer has leaves no copy (and no seat) behind in this browser. A refused key
 * does not clear them: keys are replaced, and the same person's new link takes up the same copy and seat.
 */
function forgetIfGone(id: string, answer: Exclude<Access, { kind: "ok" }>): void {
  if (answer.kind === "denied" && answer.reason === "unknown-board") {
    void forgetLocalCopies(id);
    forgetSeat(id);
  }
}
