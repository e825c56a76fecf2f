import { TEMPLATE_LABEL, referenceLabelOf } from "../lib/board/templates";
import { useEffect, useMemo, useState } from "react";
import { withPseudonyms } from "../lib/board/doc";
import type { Grid, Timer } from "../lib/board/schema";
import { stillPlacing, visibleBoard, type ViewerRole } from "../lib/board/visibility";
import { SessionBadges } from "./session-badges";
import { usePreviousSpreads } from "./board-rounds";
import type { BoardState } from "../lib/board/doc";
import type { Peer } from "../lib/board/presence";
import { BoardExports } from "./board-exports";
import { BoardInvite } from "./board-invite";
import { BoardItems, type ItemActions } from "./board-items";
import type { BoardLinks } from "./board-session";
import { summarizeItems } from "./board-summary";
import { BoardWorkspace, type PlacementActions } from "./board-workspace";
import { FacilitatorBar } from "./facilitator-bar";
import { PresenceBar } from "./presence-bar";
import { SnapshotsPanel } from "./snapshots-panel";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface BoardViewProps {
  board: BoardState;
  links: BoardLinks | null;
  /** Absent for viewers. */
  itemActions?: ItemActions;
  /** Absent for viewers. */
  placing?: PlacementActions;
  peers: Peer[];
  /** This tab's person once joined; null for viewers and before joining. */
  self: { id: string; name: string; color: string } | null;
  /** The board id and this page's key, for downloads. */
  access: { boardId: string; key: string };
  role: ViewerRole;
  /** The facilitator's verbs; absent for everyone else. */
  facilitation?: {
    setLocked(locked: boolean): void;
    setBlind(blind: boolean): void;
    setFocus(item: string | null): void;
    setTimer(timer: Timer): void;
    newRound(keepPlacements: boolean): Promise<void>;
    setAnonymous(anonymous: boolean): void;
    setGrid(grid: Grid): void;
  };
}

export function BoardView({ board: fullBoard, links, itemActions, placing, peers, self, access, role, facilitation }: BoardViewProps) {
  const [peek, setPeek] = useState(false);
  const [autoReveal, setAutoReveal] = useState(false);
  // The essay's placements are answers: they show only while this person has the layer on, in the workspace and the item list alike.
  const [showReference, setShowReference] = useState(false);
  // Anonymous boards show pseudonyms to everyone, the facilitator included; each person still sees "you" for themselves.
  const { board, visibility } = useMemo(
    () => visibleBoard(withPseudonyms(fullBoard), role, self?.id ?? null, peek),
    [fullBoard, role, self?.id, peek],
  );
  const { meta } = board;
  const items = useMemo(() => summarizeItems(board), [board]);
  const itemText = useMemo(() => new Map(board.items.map((i) => [i.id, i.text])), [board.items]);
  const referenceLabel = referenceLabelOf(meta.template);

  const previousSpreads = usePreviousSpreads(access.boardId, access.key, fullBoard.meta.round);
  // The others here now (the facilitator watching is not "still placing").
  const present = useMemo(() => new Set(peers.flatMap((p) => (p.user.participant ? [p.user.participant] : []))), [peers]);
  // Auto-reveal: once nobody here is still placing, the facilitator's tab ends the blind round.
  const everyoneDone = present.size > 0 && stillPlacing(fullBoard, present, null).length === 0;
  useEffect(() => {
    if (autoReveal && fullBoard.meta.blind && everyoneDone) facilitation?.setBlind(false);
  }, [autoReveal, everyoneDone, fullBoard.meta.blind, facilitation]);
  // A blind round hides the group's placements from everyone but the facilitator; so do the files, comparisons and replay.
  const held = meta.blind && role !== "facilitator";
  const skipped = board.invalid.items + board.invalid.placements + board.invalid.participants + board.invalid.meta;

  useEffect(() => {
    document.title = `${meta.title} · Cruxboard`;
  }, [meta.title]);

  return (
    <div className="space-y-6">
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0 space-y-2">
            <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">{TEMPLATE_LABEL[meta.template]}</p>
            <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl">{meta.title}</h1>
            <p className="text-slate-600">
              {meta.grid.rows.length} × {meta.grid.columns.length} grid · {count(board.items.length, "item", "items")} ·{" "}
              {count(board.participants.length, "participant", "participants")}
            </p>
            <div className="pt-1">
              <PresenceBar peers={peers} self={self} participants={board.participants} anonymous={meta.anonymous} itemText={itemText} />
            </div>
          </div>
          <SessionBadges meta={meta} />
        </div>

        {facilitation && (
          <FacilitatorBar
            locked={meta.locked}
            blind={meta.blind}
            peek={peek}
            autoReveal={autoReveal}
            onAutoReveal={setAutoReveal}
            progress={visibility.progress}
            timer={meta.timer}
            round={meta.round}
            anonymous={meta.anonymous}
            onAnonymous={facilitation.setAnonymous}
            grid={meta.grid}
            onGrid={facilitation.setGrid}
            onNewRound={facilitation.newRound}
            stillPlacing={{
              items: fullBoard.items.length,
              focus: meta.focus ? (itemText.get(meta.focus) ?? null) : null,
              people: stillPlacing(withPseudonyms(fullBoard), present, meta.focus && itemText.has(meta.focus) ? meta.focus : null),
            }}
            onTimer={facilitation.setTimer}
            onLock={facilitation.setLocked}
            onBlind={(blind) => {
              setPeek(false);
              setAutoReveal(false);
              facilitation.setBlind(blind);
            }}
            onPeek={setPeek}
          />
        )}

        <BoardWorkspace
          board={board}
          itemText={itemText}
          placing={placing}
          referenceLabel={referenceLabel} visibility={visibility}
          role={role}
          previousSpreads={previousSpreads}
          referenceLayer={{ shown: showReference, onShownChange: setShowReference }}
          onFocusEveryone={facilitation?.setFocus}
        />
      </div>

      <div className="grid gap-10 pt-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <BoardItems grid={meta.grid} items={items} referenceLabel={referenceLabel} showReference={showReference} actions={itemActions} />
        {/* Until the group has the links there is nobody to see the items, so on narrow screens they come first. */}
        <div className={links ? "order-first space-y-6 lg:order-none" : "space-y-6"}>
          {links && <BoardInvite links={links} />}
          <BoardExports
            boardId={access.boardId}
            boardKey={access.key}
            // The pictures show what this person sees: nothing hidden in a blind round, pseudonyms on an anonymous board.
            filesHeld={held}
            pictureOf={async () => (await import("../lib/snapshot/build")).buildSnapshot(access.boardId, board)}
          />
          <SnapshotsPanel boardId={access.boardId} boardKey={access.key} canTake={role === "facilitator"} held={held} refreshKey={meta.round} />
        </div>
      </div>
      {skipped > 0 && (
        <p className="text-sm text-slate-600">
          {count(skipped, "entry", "entries")} in this board’s data {skipped === 1 ? "does" : "do"} not fit the board format (written by
          another program, perhaps) and {skipped === 1 ? "is" : "are"} left out.
        </p>
      )}
    </div>
  );
}
