"use client";

import { useEffect, useRef } from "react";
import { CLOSE_BOARD_DELETED, CLOSE_LINK_REPLACED, CLOSE_SEAT_REMOVED } from "../../lib/api/close-codes";
import { forgetSeat, rememberRemoved } from "../../lib/client/session/board-seats";
import { forgetDeletedBoard, forgetReplacedKey } from "../../lib/client/session/link-changes";
import { BoardNotice, RetryButton } from "./board-notice";

/** Why the server let this tab go for good, when it was the facilitator's doing. */
type Gone = "deleted" | "link-replaced" | "removed";

const GONE_BY_CODE: Partial<Record<number, Gone>> = {
  [CLOSE_BOARD_DELETED]: "deleted",
  [CLOSE_LINK_REPLACED]: "link-replaced",
  [CLOSE_SEAT_REMOVED]: "removed",
};

/**
 * The whole page once the server let this tab go for good: the facilitator replaced the link it
 * came with, deleted the board, or removed this person. None comes back by reconnecting, so this
 * device forgets what no longer works: the key, the seat, or (a deleted board) everything it kept
 * of it, its offline copy included.
 */
function BoardGone({ boardId, boardKey, gone, reason }: { boardId: string; boardKey: string; gone: Gone; reason: string }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (gone === "deleted") forgetDeletedBoard(boardId);
    else if (gone === "removed") {
      forgetSeat(boardId);
      rememberRemoved(boardId);
    }
    else forgetReplacedKey(boardId, boardKey);
  }, [boardId, boardKey, gone]);
  // The board, and whatever had focus on it, went away under the person: the keyboard and a screen
  // reader start again at the notice that says why, not at the top of an empty page.
  useEffect(() => notice.current?.focus(), []);
  return (
    <div ref={notice} tabIndex={-1} className="outline-none">
      {gone === "deleted" ? (
        <BoardNotice title="This board was deleted">
          <p>The facilitator deleted this board and everything on it. There is nothing more to see or change here.</p>
        </BoardNotice>
      ) : gone === "removed" ? (
        <BoardNotice title="You were removed from this board" home="Go to the home page">
          <p>{reason}</p>
          <p className="mt-2">This page no longer sends your changes. Your notes stay on the board unless the facilitator chose to take them off.</p>
          <p className="mt-2 font-medium text-slate-900">If you think this is a mistake, talk to the facilitator.</p>
        </BoardNotice>
      ) : (
        <BoardNotice title="This link no longer works" home="Go to the home page">
          <p>The facilitator replaced the link you opened this board with, so you were disconnected.</p>
          <p className="mt-2 font-medium text-slate-900">Ask the facilitator for the new link.</p>
          <p className="mt-2">What you placed so far stays on the board.</p>
        </BoardNotice>
      )}
    </div>
  );
}

/** Above the board, when the server closed the connection for a reason of its own (not the facilitator's doing). */
function ClosedBanner({ reason, onReconnect }: { reason: string; onReconnect(): void }) {
  return (
    <div role="alert" className="mb-8 flex flex-wrap items-center justify-between gap-4 rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 text-amber-950">
      <p>
        <span className="font-semibold">The server closed the connection.</span> {reason || "It will not retry on its own."}
      </p>
      <RetryButton onClick={onReconnect}>Reconnect</RetryButton>
    </div>
  );
}

/**
 * What a page shows once the server closed its connection for good: the whole-page notice when the
 * facilitator replaced its link, deleted the board or removed this person, the banner above the board otherwise.
 */
export function ConnectionClosed({ boardId, boardKey, code, reason, onReconnect }: { boardId: string; boardKey: string; code: number; reason: string; onReconnect(): void }) {
  const gone = GONE_BY_CODE[code];
  if (gone) return <BoardGone boardId={boardId} boardKey={boardKey} gone={gone} reason={reason} />;
  return <ClosedBanner reason={reason} onReconnect={onReconnect} />;
}
