import { TEMPLATE_LABEL, referenceLabelOf } from "../../lib/board/template-labels";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { withPseudonyms } from "../../lib/board/doc";
import { presentParticipants, rosterOf } from "../../lib/board/people";
import type { Role } from "../../lib/board/schema";
import { stillPlacing, visibleBoard } from "../../lib/board/visibility";
import { SessionBadges } from "./session-badges";
import { usePreviousSpreads } from "../../hooks/use-rounds";
import type { BoardState } from "../../lib/board/doc";
import type { Peer } from "../../lib/board/presence";
import { BoardExports } from "../snapshots/board-exports";
import { BoardItems, type ItemActions } from "../facilitation/board-items";
import type { BoardLinks } from "../../lib/client/session/board-keys";
import { summarizeItems } from "../../lib/board/summary";
import { BoardWorkspace } from "./board-workspace";
import type { Facilitation } from "../../hooks/use-board-actions";
import dynamic from "next/dynamic";

/* A loading part of its own keeps the rest of the page on screen (and focus where it is) while it loads. */
const NOTHING = () => null;
import { boardNames, groupOf } from "../../lib/board/pairs";
import { InviteOthers } from "../facilitation/invite-strip";
import { SnapshotsPanel } from "../snapshots/snapshots-panel";
import { PresenceBar } from "./presence-bar";

/* What only the facilitator's screen shows is loaded only there: a participant's page never carries it. */
const FacilitatorBar = dynamic(() => import("../facilitation/facilitator-bar").then((m) => m.FacilitatorBar), { loading: NOTHING });
const DiscussionTools = dynamic(() => import("../facilitation/discussion-tools").then((m) => m.DiscussionTools), { loading: NOTHING });
/* Only a participant who has been paired sees a partner card. */
const PartnerCard = dynamic(() => import("../facilitation/partner-card").then((m) => m.PartnerCard), { loading: NOTHING });
const PeoplePanel = dynamic(() => import("../facilitation/people-panel").then((m) => m.PeoplePanel), { loading: NOTHING });
const FacilitatorStart = dynamic(() => import("../facilitation/facilitator-start").then((m) => m.FacilitatorStart), { loading: NOTHING });

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface BoardViewProps {
  board: BoardState;
  links: BoardLinks | null;
  /** A participant's link to hand on to others; null for everyone else. */
  shareLink: string | null;
  /** The facilitator's choice to place too: offered while they only run the board, and the name it then asks for. */
  placeToo?: { offered: boolean; start(): void; panel: ReactNode };
  /** Absent for viewers. */
  itemActions?: ItemActions;
  peers: Peer[];
  /** This tab's person once joined; null for viewers and before joining. */
  self: { id: string; name: string; color: string } | null;
  /** Asks this person for a new name; absent when it cannot change (not joined, or asked already). */
  onChangeName?: () => void;
  /** The board id and this page's key, for downloads. */
  access: { boardId: string; key: string };
  role: Role;
  /** The facilitator's verbs; absent for everyone else. */
  facilitation?: Facilitation;
}

export function BoardView(props: BoardViewProps) {
  const { board: fullBoard, links, shareLink, placeToo, itemActions, peers, self, onChangeName, access, role, facilitation } = props;
  const [peek, setPeek] = useState(false);
  const [autoReveal, setAutoReveal] = useState(false);
  // The essay's placements are answers: they show only while this person has the layer on, in the workspace and the item list alike.
  const [showReference, setShowReference] = useState(false);
  // Anonymous boards show pseudonyms to everyone, the facilitator included; each person still sees "you" for themselves.
  const named = useMemo(() => withPseudonyms(fullBoard), [fullBoard]);
  // Who is counted, and who of them is here: this person, and everyone whose tab says who they are.
  const selfId = self?.id ?? null;
  const roster = useMemo(
    () => rosterOf(named, [...presentParticipants(peers), ...(selfId ? [selfId] : [])]),
    [named, peers, selfId],
  );
  const { board, visibility } = useMemo(() => visibleBoard(named, role, selfId, peek, roster), [named, role, selfId, peek, roster]);
  const { meta } = board;
  // Who placed each item counts every placement, hidden or not: it decides whether this person may still delete their own.
  const items = useMemo(() => summarizeItems(board, fullBoard), [board, fullBoard]);
  const itemText = useMemo(() => new Map(board.items.map((i) => [i.id, i.text])), [board.items]);
  const referenceLabel = referenceLabelOf(meta.template);

  const previousSpreads = usePreviousSpreads(access.boardId, access.key, fullBoard.meta.round);
  const focusedItem = meta.focus && itemText.has(meta.focus) ? meta.focus : null;
  const unfinished = useMemo(() => stillPlacing(named, roster, focusedItem), [named, roster, focusedItem]);
  // Auto-reveal: once nobody here is still placing every item, the facilitator's tab ends the blind round. Someone
  // else must be here: a tab that lost its connection sees nobody, and its own finished notes are not the room's.
  const othersHere = presentParticipants(peers).some((id) => id !== selfId);
  const everyoneDone = othersHere && stillPlacing(named, roster, null).every((p) => !p.here);
  useEffect(() => {
    if (autoReveal && fullBoard.meta.blind && everyoneDone) facilitation?.setBlind(false);
  }, [autoReveal, everyoneDone, fullBoard.meta.blind, facilitation]);
  // A blind round hides the group's placements from everyone but the facilitator; so do the files, comparisons and replay.
  const held = meta.blind && role !== "facilitator";
  // Partners are picked by how far apart they placed: during a blind round that would hint at what is hidden.
  const myGroup = selfId && visibility.showGroup ? groupOf(meta, selfId) : null;
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
              {count(roster.counted.length, "participant", "participants")}
            </p>
            <div className="space-y-2 pt-1">
              <PresenceBar
                peers={peers}
                self={self}
                onChangeName={onChangeName}
                participants={board.participants}
                anonymous={meta.anonymous}
                itemText={itemText}
                away={roster.away}
              />
              {shareLink && <InviteOthers link={shareLink} />}
            </div>
          </div>
          <SessionBadges meta={meta} />
        </div>

        {myGroup && selfId && <PartnerCard group={myGroup} me={selfId} {...boardNames(roster.counted, board.items)} />}

        {placeToo && (
          <FacilitatorStart
            title={meta.title}
            links={links}
            placingAs={self?.name ?? null}
            onPlaceToo={placeToo.offered ? placeToo.start : undefined}
            joined={roster.counted.some((p) => p.id !== selfId)}
          >
            {placeToo.panel}
          </FacilitatorStart>
        )}

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
            goal={meta.goal}
            onGoal={facilitation.setGoal}
            onNewRound={facilitation.newRound}
            stillPlacing={{
              items: fullBoard.items.length,
              focus: focusedItem ? (itemText.get(focusedItem) ?? null) : null,
              people: unfinished,
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
        {facilitation && (
          <DiscussionTools
            board={board}
            roster={roster}
            hidden={!visibility.showGroup}
            onStep={(step) => {
              facilitation.setFocus(step.focus);
              facilitation.setDiscussed(step.discussed);
            }}
            onTimer={facilitation.setTimer}
            onPairs={facilitation.setPairs}
          />
        )}

        {facilitation && (
          <PeoplePanel boardId={access.boardId} facilitatorKey={access.key} people={board.participants} here={roster.here} selfId={selfId} />
        )}

        <BoardWorkspace
          board={board}
          referenceLabel={referenceLabel} visibility={visibility}
          roster={roster}
          role={role}
          previousSpreads={previousSpreads}
          referenceLayer={{ shown: showReference, onShownChange: setShowReference }}
          onFocusEveryone={facilitation?.setFocus}
        />
      </div>

      <div className="grid gap-10 pt-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <BoardItems grid={meta.grid} items={items} referenceLabel={referenceLabel} showReference={showReference} actions={itemActions} />
        <div className="space-y-6">
          <BoardExports
            boardId={access.boardId}
            boardKey={access.key}
            // The pictures show what this person sees: nothing hidden in a blind round, pseudonyms on an anonymous board.
            filesHeld={held}
            pictureOf={async () => (await import("../../lib/snapshot/build")).buildSnapshot(access.boardId, board)}
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
