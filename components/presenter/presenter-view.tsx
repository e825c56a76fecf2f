"use client";

import { useEffect, useMemo, useState } from "react";
import { withPseudonyms, type BoardState } from "../../lib/board/doc";
import type { ConnectionStatus } from "../../lib/board/connection";
import type { Timer } from "../../lib/board/schema";
import { referenceLabelOf } from "../../lib/board/template-labels";
import { presentParticipants, rosterOf } from "../../lib/board/people";
import type { Peer } from "../../lib/board/presence";
import { visibleBoard } from "../../lib/board/visibility";
import { BoardTimer, useTimerClock } from "../board/board-timer";
import { RetryButton } from "../board/board-notice";
import { usePreviousSpreads } from "../../hooks/use-rounds";
import { ConnectionBadge } from "../board/connection-badge";
import { PresenterJoinCard } from "./presenter-join";
import { takePresenterJoin } from "../../lib/client/presenter-link";
import { PresenterStage } from "./presenter-stage";
import { PresenterOverview } from "./presenter-overview";
import { PLACEMENT_VIEWS, type PlacementView } from "../board/board-overview";
import { Segmented } from "../ui/segmented";
import { orderOptions } from "../../lib/stats/list-order";

/** The two rankings the room can be shown. */
type PresenterOrder = "contested" | "priority";
const PRESENTER_ORDERS = orderOptions<PresenterOrder>(["contested", "priority"]);
import { SessionBadges } from "../board/session-badges";

interface PresenterViewProps {
  board: BoardState;
  access: { boardId: string; key: string };
  /** Who else has the board open: who of the people counted is here. */
  peers: Peer[];
  status: ConnectionStatus;
  onReconnect(): void;
}

/**
 * The board for the projector, one screen with no scrolling: the title, the
 * session and a timer to read from the back of the room; the grid as large as
 * fits; the join card and the contested list beside it. Sizes grow with the
 * screen (see globals.css), so 1280×720 and 1920×1080 look the same on the wall.
 * It only watches: whatever key opened it, nothing here writes to the board.
 */
export function PresenterView({ board: fullBoard, access, peers, status, onReconnect }: PresenterViewProps) {
  const named = useMemo(() => withPseudonyms(fullBoard), [fullBoard]);
  const roster = useMemo(() => rosterOf(named, presentParticipants(peers)), [named, peers]);
  const { board, visibility } = useMemo(() => visibleBoard(named, "viewer", null, false, roster), [named, roster]);
  const { meta } = board;
  const [join, setJoin] = useState(() => takePresenterJoin(access.boardId));
  // The facilitator's page sends a new join code or a replaced participant link in the fragment alone, which loads no page.
  useEffect(() => {
    const onHashChange = () => {
      if (window.location.hash.length > 1) setJoin(takePresenterJoin(access.boardId));
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [access.boardId]);
  const previousSpreads = usePreviousSpreads(access.boardId, access.key, meta.round);
  const people = roster.counted.length;
  const here = roster.counted.length - roster.away.length;
  const [view, setView] = useState<PlacementView>("grid");
  // With a goal corner the room can read the items by priority as well; without one there is only the contest.
  const [chosenOrder, setOrder] = useState<PresenterOrder>("contested");
  const order = meta.goal ? chosenOrder : "contested";
  // Beside the ranking it orders, not in the header, which must keep its one line; the overview follows the choice.
  const orderSwitch = meta.goal ? <Segmented<PresenterOrder> label="Rank the items by" options={PRESENTER_ORDERS} value={order} onChange={setOrder} /> : null;
  const focus = meta.focus ? board.items.find((i) => i.id === meta.focus) : undefined;

  useEffect(() => {
    document.title = `${meta.title} · presenter · Cruxboard`;
  }, [meta.title]);

  return (
    <main data-presenter className="flex flex-col gap-5 p-4 sm:p-6 lg:h-dvh lg:min-h-[30rem] lg:gap-4 lg:overflow-hidden lg:px-6 lg:py-4">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-3 lg:flex-nowrap">
        <div className="min-w-0 flex-1 space-y-1.5">
          <h1 className="text-3xl leading-tight font-bold tracking-tight text-slate-900 lg:truncate">{meta.title}</h1>
          <SessionBadges meta={meta} projector>
            <li className="px-1 text-slate-700">
              {people} {people === 1 ? "participant" : "participants"}
              {people > 0 && here < people && ` · ${here} here`}
            </li>
            {/* Takes what is left of the line and cuts a long name short, so the header rarely grows a line and the grid keeps its height; too little left and it takes a line of its own. */}
            {focus && (
              <li className="min-w-[16rem] flex-1 basis-0">
                <span data-now-discussing={focus.id} className="inline-block max-w-full truncate rounded-full bg-indigo-50 px-3 py-1 align-middle text-indigo-950 ring-1 ring-indigo-200">
                  Now discussing: <span className="font-bold">{focus.text}</span>
                </span>
              </li>
            )}
          </SessionBadges>
        </div>
        <Segmented<PlacementView> label="Show the placements as" options={PLACEMENT_VIEWS} value={view} onChange={setView} size="lg" />
        <ConnectionBadge status={status} />
        {meta.timer && <PresenterTimer timer={meta.timer} />}
      </header>
      {status.kind === "closed" && (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-amber-300 bg-amber-50 px-5 py-3 text-amber-950">
          <p>
            <span className="font-semibold">The server closed the connection.</span> {status.reason || "It will not retry on its own."}
          </p>
          <RetryButton onClick={onReconnect}>Reconnect</RetryButton>
        </div>
      )}
      {view === "overview" ? (
        <PresenterOverview board={board} visibility={visibility} focus={focus?.id ?? null} order={order} />
      ) : (
        <PresenterStage
          board={board}
          visibility={visibility}
          roster={roster}
          referenceLabel={referenceLabelOf(meta.template)}
          previousSpreads={previousSpreads}
          order={order}
          orderSwitch={orderSwitch}
          join={(compact) => <PresenterJoinCard boardId={access.boardId} join={join} compact={compact} />}
        />
      )}
    </main>
  );
}

/** Huge while it runs; gone once "Time's up" has been shown for its minute. */
function PresenterTimer({ timer }: { timer: NonNullable<Timer> }) {
  const { now, shown } = useTimerClock(timer);
  return shown ? <BoardTimer timer={timer} now={now} size="projector" /> : null;
}
