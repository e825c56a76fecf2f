"use client";

import type { Timer } from "../../lib/board/schema";
import { Button } from "../ui/button";
import { timerPhase, timerRemaining, useServerTime } from "../board/board-timer";

const MINUTE = 60_000;

/** A countdown of `minutes` from server time `now`: what every start button (and the agenda's) writes. */
export const timerOf = (minutes: number, now: number): NonNullable<Timer> => ({ endsAt: now + minutes * MINUTE });

/** A stopwatch drawn inline: an emoji would be an empty box where no emoji font is installed. */
function StopwatchIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
      <circle cx="10" cy="11.5" r="6" />
      <path d="M10 11.5V8.5M8 2.75h4M15 5.5l1.25-1.25" />
    </svg>
  );
}

/**
 * The facilitator's timer buttons, by what the timer is doing: start one; pause or
 * resume, add a minute, stop; once time is up, add a minute or clear it. A minute
 * after time is up every screen clears it anyway, and starting a new one is offered again.
 */
export function TimerControls({ timer, onTimer }: { timer: Timer; onTimer(timer: Timer): void }) {
  // A second's resolution is enough for which buttons to show; clicks read the clock afresh.
  const clock = useServerTime(1000, timer !== null && timer.remainingMs === undefined);
  const phase = timerPhase(timer, clock.now ?? clock.read());
  return (
    <div role="group" aria-label="Timer" className="flex flex-wrap items-center gap-2">
      {(phase === "none" || phase === "over") &&
        [1, 3, 5, 10].map((m) => (
          <Button key={m} aria-label={`Start a ${m}-minute timer`} onClick={() => onTimer(timerOf(m, clock.read()))}>
            <StopwatchIcon />
            {m} min
          </Button>
        ))}
      {/* One button whose label turns over, so the keyboard stays on it from Pause to Resume and back. */}
      {timer && (phase === "running" || phase === "paused") && (
        <Button
          onClick={() =>
            onTimer(
              timer.remainingMs === undefined
                ? { endsAt: timer.endsAt, remainingMs: timerRemaining(timer, clock.read()) }
                : { endsAt: clock.read() + timer.remainingMs },
            )
          }
        >
          {phase === "paused" ? "Resume timer" : "Pause timer"}
        </Button>
      )}
      {timer && (phase === "running" || phase === "paused" || phase === "up") && (
        <Button
          onClick={() =>
            onTimer(
              timer.remainingMs === undefined
                ? { endsAt: Math.max(timer.endsAt, clock.read()) + MINUTE }
                : { endsAt: timer.endsAt, remainingMs: timer.remainingMs + MINUTE },
            )
          }
        >
          <StopwatchIcon />
          +1 min
        </Button>
      )}
      {(phase === "running" || phase === "paused" || phase === "up") && (
        <Button onClick={() => onTimer(null)}>{phase === "up" ? "Clear timer" : "Stop timer"}</Button>
      )}
    </div>
  );
}
