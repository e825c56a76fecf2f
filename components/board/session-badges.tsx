import type { ReactNode } from "react";
import type { Meta } from "../../lib/board/schema";
import { BoardTimer, useTimerClock } from "./board-timer";

/**
 * The round, blind and locked states and the timer, as the board shows them. The
 * projector's are larger and leave out the timer, which it shows apart, far larger.
 */
export function SessionBadges({ meta, projector = false, children }: { meta: Meta; projector?: boolean; children?: ReactNode }) {
  const clock = useTimerClock(projector ? null : meta.timer);
  return (
    <ul aria-label="Session" className={`flex flex-wrap items-center gap-2 font-medium ${projector ? "text-xl" : "text-sm"}`}>
      <li className="rounded-full bg-slate-200/70 px-3 py-1 text-slate-800">Round {meta.round}</li>
      {meta.blind && <li className="rounded-full bg-violet-100 px-3 py-1 text-violet-900">Blind placements</li>}
      {meta.locked && <li className="rounded-full bg-amber-100 px-3 py-1 text-amber-900">Locked</li>}
      {meta.timer && clock.shown && (
        <li>
          <BoardTimer timer={meta.timer} now={clock.now} />
        </li>
      )}
      {children}
    </ul>
  );
}
