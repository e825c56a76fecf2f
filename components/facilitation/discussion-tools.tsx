"use client";

import { useMemo, useState } from "react";
import type { AgendaStep } from "../../lib/board/agenda";
import type { BoardState } from "../../lib/board/doc";
import { boardNames, pairsOfRound } from "../../lib/board/pairs";
import { makePairs } from "../../lib/stats/pairs";
import type { Roster } from "../../lib/board/people";
import type { Pairs, Timer } from "../../lib/board/schema";
import { itemStats, type StatsCache } from "../../lib/stats/board";
import { downloadName } from "../../lib/snapshot/file-name";
import { pairsMarkdown } from "../../lib/snapshot/pairs-markdown";
import { useServerTime } from "../board/board-timer";
import { downloadText } from "../snapshots/board-picture";
import { Agenda } from "./agenda";
import { PairsPanel } from "./pairs-panel";

interface DiscussionToolsProps {
  /** The board as the facilitator sees it: pseudonyms on an anonymous board, placements hidden in a blind round unless peeking. */
  board: BoardState;
  roster: Roster;
  /** True while a blind round hides the placements on this screen. */
  hidden: boolean;
  onStep(step: AgendaStep): void;
  onTimer(timer: Timer): void;
  onPairs(pairs: Pairs): void;
}

/** After placing, the discussion: the agenda of items to take up one by one, and pairs for double crux. */
export function DiscussionTools({ board, roster, hidden, onStep, onTimer, onPairs }: DiscussionToolsProps) {
  const { meta } = board;
  const [cache] = useState<StatsCache>(() => new Map());
  const entries = useMemo(() => itemStats(board, cache), [board, cache]);
  const clock = useServerTime(1000, false);
  const names = useMemo(() => boardNames(roster.counted, board.items), [roster.counted, board.items]);
  const here = roster.counted.filter((p) => roster.here.has(p.id)).map((p) => p.id);
  const groups = pairsOfRound(meta);

  const download = () => {
    if (!meta.pairs || !groups) return;
    const at = new Date(meta.pairs.at).toISOString();
    const text = pairsMarkdown({ title: meta.title, round: meta.pairs.round, at: meta.pairs.at, groups, ...names });
    downloadText(text, "text/markdown", downloadName({ title: meta.title, name: `Round ${meta.pairs.round} pairs`, takenAt: at, extension: "md" }));
  };

  return (
    // One card of two rows: short enough that the grid the discussion is about stays on the first screen.
    <div className="divide-y divide-indigo-100 rounded-2xl border border-indigo-200 bg-white shadow-sm [&>*]:px-4 [&>*]:py-3">
      <Agenda entries={entries} focus={meta.focus} discussed={meta.discussed} hidden={hidden} hasGoal={meta.goal !== null} onStep={onStep} onTimer={onTimer} />
      <PairsPanel
        groups={groups}
        here={here.length}
        blind={meta.blind}
        nameOf={names.nameOf}
        itemText={names.itemText}
        onPairUp={() => onPairs(makePairs(board, here, clock.read()))}
        onClear={() => onPairs(null)}
        onDownload={download}
      />
    </div>
  );
}
