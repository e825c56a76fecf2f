"use client";

import { useEffect, useState } from "react";
import type { Timer } from "../lib/board/schema";
import { useClockOffset } from "./server-clock";

/** Milliseconds left on a timer at server time `now`; paused timers hold still. */
export const timerRemaining = (timer: NonNullable<Timer>, now: number): number =>
  Math.max(0, timer.remainingMs ?? timer.endsAt - now);

const format = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** The remaining time, the same on every screen whatever each device's clock says. */
export function BoardTimer({ timer }: { timer: NonNullable<Timer> }) {
  const offset = useClockOffset();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // Until the offset is known this device's clock could be minutes off: show nothing rather than a jump.
    if (offset === null) return;
    const tick = () => setNow(Date.now() + offset);
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [offset]);
  if (now === null) {
    return (
      <div className="rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-slate-600">
        <span role="timer" aria-label="Timer starting">
          …
        </span>
      </div>
    );
  }
  const left = timerRemaining(timer, now);
  const paused = timer.remainingMs !== undefined;
  const over = left === 0;
  return (
    <div
      className={`flex items-center gap-2 rounded-full border px-3 py-1 text-sm font-semibold ${
        over ? "border-rose-300 bg-rose-50 text-rose-900 motion-safe:animate-pulse" : paused ? "border-slate-300 bg-white text-slate-700" : "border-sky-300 bg-sky-50 text-sky-950"
      }`}
    >
      <span role="timer" aria-label={over ? "Time is up" : paused ? `Timer paused, ${format(left)} left` : "Time left"} className="text-base tabular-nums">
        {over ? "Time’s up" : format(left)}
      </span>
      {paused && !over && <span className="font-normal">paused</span>}
      {/* Said once, when the time runs out. */}
      <span aria-live="polite" className="sr-only">
        {over ? "Time is up." : ""}
      </span>
    </div>
  );
}
