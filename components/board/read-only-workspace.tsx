"use client";

import { useMemo } from "react";
import type { BoardState } from "../../lib/board/doc";
import { referenceLabelOf } from "../../lib/board/template-labels";
import { visibleBoard } from "../../lib/board/visibility";
import { BoardWorkspace } from "./board-workspace";

/** A board that is only looked at (a snapshot, a moment of the replay): everyone's placements, nothing to place. */
export function ReadOnlyWorkspace({ board }: { board: BoardState }) {
  const { visibility } = useMemo(() => visibleBoard(board, "viewer", null, false), [board]);
  return (
    <BoardWorkspace
      board={board}
      referenceLabel={referenceLabelOf(board.meta.template)}
      visibility={visibility}
      role="viewer"
      previousSpreads={null}
    />
  );
}
