"use client";

import { useCallback, useEffect, useState } from "react";
import type { Timer } from "../../lib/board/schema";
import { useClockOffset } from "../../hooks/use-server-clock";

/**
 * How long "Time's up" stays on every screen. Long enough for the room to look up and
 * notice; after it the timer clears itself, so nobody is nagged for the rest of the session.
 */
export const TIMES_UP_SHOWN_MS = 60_000;

/** "over": time ran out more than TIMES_UP_SHOWN_MS ago; every screen then shows no timer at all. */
export type TimerPhase = "none" | "running" | "paused" | "up" | "over";

/** Milliseconds left on a timer at server time `now`; paused timers hold still. */
export const timerRemaining = (timer: NonNullable<Timer>, now: number): number =>
  Math.max(0, timer.remainingMs ?? timer.endsAt - now);

export function timerPhase(timer: Timer, now: number): TimerPhase {
  if (!timer) return "none";
  if (timer.remainingMs !== undefined) return "paused";
  if (now < timer.endsAt) return "running";
  return now < timer.endsAt + TIMES_UP_SHOWN_MS ? "up" : "over";
}

/**
 * The server's time, the same on every screen whatever each device's clock says:
 * `now` is re-read every `everyMs` while `ticking` (null until the clock offset is
 * known), `read()` gives it at the moment of a click.
 */
export function useServerTime(everyMs: number, ticking: boolean): { now: number | null; read(): number } {
  const offset = useClockOffset();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // Until the offset is known this device's clock could be minutes off: no time rather than a jump.
    if (offset === null || !ticking) return;
    const tick = () => setNow(Date.now() + offset);
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [offset, ticking, everyMs]);
  const read = useCallback(() => Date.now() + (offset ?? 0), [offset]);
  return { now: offset === null || !ticking ? null : now, read };
}

const format = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/**
 * A timer as a screen shows it: the server's time, ticking four times a second while there is
 * a timer, and whether to show it at all (not once "Time's up" has had its minute).
 */
export function useTimerClock(timer: Timer): { now: number | null; shown: boolean } {
  const { now } = useServerTime(250, timer !== null);
  const phase = timer === null ? "none" : now === null ? "running" : timerPhase(timer, now);
  return { now, shown: phase !== "none" && phase !== "over" };
}

const LOOK = {
  up: "border-rose-300 bg-rose-50 text-rose-900 motion-safe:animate-pulse",
  paused: "border-slate-300 bg-white text-slate-700",
  running: "border-sky-300 bg-sky-50 text-sky-950",
};

/**
 * The remaining time at server time `now`: a pill on the board, digits to read
 * from the back of the room on the projector. "Time's up" when it runs out.
 */
export function BoardTimer({ timer, now, size = "pill" }: { timer: NonNullable<Timer>; now: number | null; size?: "pill" | "projector" }) {
  const projector = size === "projector";
  if (now === null) {
    return (
      <div className={projector ? "text-5xl font-semibold text-slate-500" : "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-slate-600"}>
        <span role="timer" aria-label="Timer starting">
          …
        </span>
      </div>
    );
  }
  const phase = timerPhase(timer, now);
  const left = timerRemaining(timer, now);
  const look = phase === "up" ? LOOK.up : phase === "paused" ? LOOK.paused : LOOK.running;
  return (
    <div
      className={`flex items-center font-semibold ${look} ${
        projector ? "gap-4 rounded-3xl border-4 px-5 py-1 leading-none" : "gap-2 rounded-full border px-3 py-1 text-sm"
      }`}
    >
      <span
        role="timer"
        aria-label={phase === "up" ? "Time is up" : phase === "paused" ? `Timer paused, ${format(left)} left` : "Time left"}
        className={projector ? (phase === "up" ? "text-5xl" : "text-7xl tracking-tight tabular-nums") : "text-base tabular-nums"}
      >
        {phase === "up" ? "Time’s up" : format(left)}
      </span>
      {phase === "paused" && <span className={projector ? "text-3xl" : "font-normal"}>paused</span>}
      {/* Said once, when the time runs out. */}
      <span aria-live="polite" className="sr-only">
        {phase === "up" ? "Time is up." : ""}
      </span>
    </div>
  );
}

/**
 * The time left as words for a place other than the timer itself (the focus bar, beside the item
 * under discussion): "2:41 left", "paused", "time’s up"; null when no timer shows. Visual only: the
 * page's one timer element speaks for screen readers.
 */
export function FocusTime({ timer }: { timer: Timer }) {
  const { now, shown } = useTimerClock(timer);
  if (!timer || now === null || !shown) return null;
  const phase = timerPhase(timer, now);
  const words = phase === "up" ? "time’s up" : phase === "paused" ? `${format(timerRemaining(timer, now))} left, paused` : `${format(timerRemaining(timer, now))} left`;
  return (
    <span aria-hidden="true" className={`rounded-full px-2 py-0.5 font-semibold tabular-nums ${phase === "up" ? "bg-rose-100 text-rose-900" : "bg-white text-sky-950"}`}>
      {words}
    </span>
  );
}
