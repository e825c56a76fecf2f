"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import type { Role } from "../../lib/board/schema";
import { forgetBoardKey } from "../../lib/client/session/board-keys";
import { forgetSeat } from "../../lib/client/session/board-seats";
import { forgetLocalCopies } from "../../lib/client/session/local-copies";
import {
  NO_RECENT_BOARDS,
  forgetRecentBoard,
  recentBoards,
  subscribeRecentBoards,
  type RecentBoard,
} from "../../lib/client/session/recent-boards";
import { Button } from "../ui/button";

const ROLE_LOOK: Record<Role, { label: string; badge: string }> = {
  facilitator: { label: "Facilitator", badge: "bg-indigo-50 text-indigo-800 ring-indigo-200" },
  participant: { label: "Participant", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  viewer: { label: "Viewer", badge: "bg-slate-100 text-slate-700 ring-slate-300" },
};

const MINUTE = 60_000;
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 60 * MINUTE],
  ["month", 30 * 24 * 60 * MINUTE],
  ["week", 7 * 24 * 60 * MINUTE],
  ["day", 24 * 60 * MINUTE],
  ["hour", 60 * MINUTE],
  ["minute", MINUTE],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function openedAgo(openedAt: number, now: number): string {
  const elapsed = now - openedAt;
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return `opened ${relative.format(-Math.floor(elapsed / ms), unit)}`;
  }
  // Under a minute, or a clock that moved backwards since.
  return "opened just now";
}

const titleOf = (board: RecentBoard) => board.title.trim() || "Untitled board";

/** The server has no way to know this browser's list, so it and the first client render show nothing. */
function useRecentBoards(): readonly RecentBoard[] {
  return useSyncExternalStore(subscribeRecentBoards, recentBoards, () => NO_RECENT_BOARDS);
}

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function RecentBoards() {
  const boards = useRecentBoards();
  const now = useMinuteClock();
  const headingId = useId();
  const listRef = useRef<HTMLUListElement>(null);

  if (boards.length === 0) return null;

  function forget(board: RecentBoard, index: number) {
    flushSync(() => {
      forgetRecentBoard(board.id);
      forgetBoardKey(board.id);
      forgetSeat(board.id);
    });
    // Changes made offline and not yet sent go with it: forgetting a board leaves nothing of it here.
    void forgetLocalCopies(board.id);
    // The button that had focus is gone; keep keyboard users in the list rather than at the top of the page.
    const buttons = listRef.current?.querySelectorAll("button");
    if (buttons?.length) buttons[Math.min(index, buttons.length - 1)]?.focus();
  }

  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h2 id={headingId} className="text-xl font-semibold tracking-tight text-slate-900">
        Recent boards
      </h2>
      <p className="mt-1 text-sm text-slate-600">Remembered only in this browser, so you can get back in without the link.</p>
      <ul ref={listRef} className="mt-4 divide-y divide-slate-200">
        {boards.map((board, index) => {
          const title = titleOf(board);
          const role = ROLE_LOOK[board.role];
          return (
            <li key={board.id} className="flex items-center gap-3 py-3 first:pt-0 last:pb-0">
              <Link
                href={`/b/${encodeURIComponent(board.id)}`}
                prefetch={false}
                className="group min-w-0 flex-1 rounded-lg focus-outline focus-visible:outline-offset-4"
              >
                <span className="line-clamp-2 font-medium wrap-anywhere text-slate-900 group-hover:text-indigo-700 group-hover:underline">
                  {title}
                </span>
                <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${role.badge}`}>
                    {role.label}
                  </span>
                  <time dateTime={new Date(board.openedAt).toISOString()} title={new Date(board.openedAt).toLocaleString("en")}>
                    {openedAgo(board.openedAt, now)}
                  </time>
                </span>
              </Link>
              <Button onClick={() => forget(board, index)} aria-label={`Forget ${title}`} className="shrink-0">
                Forget
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
