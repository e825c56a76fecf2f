import type { ReactNode } from "react";
import type { Meta } from "../lib/board/schema";
import { BoardTimer } from "./board-timer";

/** The round, blind and locked states and the timer, as the board and the presenter view both show them. */
export function SessionBadges({ meta, large = false, children }: { meta: Meta; large?: boolean; children?: ReactNode }) {
  return (
    <ul aria-label="Session" className={`flex flex-wrap items-center gap-2 font-medium ${large ? "text-base" : "text-sm"}`}>
      <li className="rounded-full bg-slate-200/70 px-3 py-1 text-slate-800">Round {meta.round}</li>
      {meta.blind && <li className="rounded-full bg-violet-100 px-3 py-1 text-violet-900">Blind placements</li>}
      {meta.locked && <li className="rounded-full bg-amber-100 px-3 py-1 text-amber-900">Locked</li>}
      {meta.timer && (
        <li>
          <BoardTimer timer={meta.timer} />
        </li>
      )}
      {children}
    </ul>
  );
}
