"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { BoardNotice } from "../board/board-notice";
import { BoardShell } from "../board/board-shell";
import type { BoardData } from "../../hooks/use-board-data";

/** The frame of a read-only board page (snapshot, comparison, replay): a placeholder while loading, a notice if that failed. */
export function BoardDataScreen<T>({ data, children }: { data: BoardData<T>; children(ready: Extract<BoardData<T>, { kind: "ready" }>): ReactNode }) {
  if (data.kind === "loading") return <BoardShell />;
  return (
    <BoardShell>
      {data.kind === "failed" ? (
        <BoardNotice title={data.title}>
          <p>{data.body}</p>
        </BoardNotice>
      ) : (
        children(data)
      )}
    </BoardShell>
  );
}

export function BackToBoard({ boardId }: { boardId: string }) {
  return (
    <Link
      href={`/b/${encodeURIComponent(boardId)}`}
      className="inline-flex items-center gap-1 rounded text-sm font-medium text-indigo-800 hover:text-indigo-950 focus-ring"
    >
      <span aria-hidden="true">←</span> Back to the live board
    </Link>
  );
}

/** Why a read-only page has nothing to show yet, and the way back to the board. */
export function NothingToShow({ boardId, title, children }: { boardId: string; title: string; children: ReactNode }) {
  return (
    <BoardNotice title={title}>
      <p>{children}</p>
      <p className="mt-4">
        <BackToBoard boardId={boardId} />
      </p>
    </BoardNotice>
  );
}
