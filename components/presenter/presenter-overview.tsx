"use client";

import { useId } from "react";
import type { BoardState } from "../../lib/board/doc";
import type { Visibility } from "../../lib/board/visibility";
import { BoardOverview, OverviewLegend, overviewReading } from "../board/board-overview";
import { useGroupStats } from "../../hooks/use-group-stats";

/**
 * Every item at a glance on the wall: one small grid per item, most contested
 * (or highest priority first, as chosen beside the grid view's ranking), filling the screen below the header with no scrolling (nine items
 * in large type; up to twenty, smaller). In a blind round the grids stay
 * empty and the room sees only how far the group has got. The item the
 * facilitator is discussing is outlined, so the room finds it among the tiles.
 */
export function PresenterOverview({ board, visibility, focus, order }: { board: BoardState; visibility: Visibility; focus: string | null; order: "contested" | "priority" }) {
  const { stats, people } = useGroupStats(board);
  const { grid } = board.meta;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3 lg:min-h-0 lg:flex-1">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h2 id={headingId} className="text-xl font-semibold text-slate-900">
          Overview
        </h2>
        <p className="text-base text-slate-700">{overviewReading(grid, order)}</p>
      </div>
      {!visibility.showGroup && (
        <p className="rounded-xl border border-violet-200 bg-violet-50 px-4 py-2 text-lg text-violet-950">
          <span className="font-semibold">Blind round:</span> placements stay hidden until the reveal. {visibility.progress.count}{" "}
          {visibility.progress.rest}.
        </p>
      )}
      <div className="h-[80vh] lg:h-auto lg:min-h-0 lg:flex-1">
        <BoardOverview grid={grid} items={stats} people={people} hidden={!visibility.showGroup} projector selected={focus} order={order} />
      </div>
      <OverviewLegend className="text-sm text-slate-700" />
    </section>
  );
}
