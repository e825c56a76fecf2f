"use client";

import { referenceLabelOf } from "../lib/board/templates";
import { useEffect, useMemo } from "react";
import { withPseudonyms, type BoardState } from "../lib/board/doc";
import { visibleBoard } from "../lib/board/visibility";
import { SessionBadges } from "./session-badges";
import { BoardWorkspace } from "./board-workspace";
import { usePreviousSpreads } from "./board-rounds";
import { JoinQr } from "./join-qr";

interface PresenterViewProps {
  board: BoardState;
  access: { boardId: string; key: string };
  /** The participant link to show as a QR code; null when the presenter link did not carry one. */
  joinUrl: string | null;
}

/**
 * The board for the projector: big grid, the contested list, the timer, and a
 * QR code with the join link for phones. It only watches: whatever key opened
 * it, nothing here writes to the board.
 */
export function PresenterView({ board: fullBoard, access, joinUrl }: PresenterViewProps) {
  const { board, visibility } = useMemo(() => visibleBoard(withPseudonyms(fullBoard), "viewer", null, false), [fullBoard]);
  const { meta } = board;
  const itemText = useMemo(() => new Map(board.items.map((i) => [i.id, i.text])), [board.items]);
  const previousSpreads = usePreviousSpreads(access.boardId, access.key, meta.round);
  const referenceLabel = referenceLabelOf(meta.template);

  useEffect(() => {
    document.title = `${meta.title} · presenter · Cruxboard`;
  }, [meta.title]);

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 flex-1 space-y-2">
          <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-5xl">{meta.title}</h1>
          <SessionBadges meta={meta} projector>
            <li className="text-slate-700">
              {board.participants.length} {board.participants.length === 1 ? "participant" : "participants"}
            </li>
          </SessionBadges>
        </div>
        {joinUrl && (
          <section aria-labelledby="join-heading" className="flex shrink-0 items-center gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
            <div className="size-36 shrink-0 sm:size-44">
              <JoinQr url={joinUrl} label="QR code of the join link" />
            </div>
            <div className="max-w-[18rem] min-w-0 space-y-1">
              <h2 id="join-heading" className="text-xl font-semibold text-slate-900">
                Join on your phone
              </h2>
              <p className="text-sm text-slate-600">Scan the code, or open:</p>
              <p className="font-mono text-sm break-all text-slate-900">{joinUrl}</p>
            </div>
          </section>
        )}
      </div>
      <BoardWorkspace
        board={board}
        itemText={itemText}
        referenceLabel={referenceLabel}
        visibility={visibility}
        role="viewer"
        previousSpreads={previousSpreads}
      />
    </div>
  );
}
