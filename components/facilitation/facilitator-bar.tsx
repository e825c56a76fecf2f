"use client";

import { useState } from "react";
import { listNames, type Progress } from "../../lib/board/people";
import type { GoalCorner, Grid, Timer } from "../../lib/board/schema";
import type { StillPlacing } from "../../lib/board/visibility";
import { Button } from "../ui/button";
import { GridEditor } from "./grid-editor";
import { TimerControls } from "./timer-controls";

interface FacilitatorBarProps {
  locked: boolean;
  blind: boolean;
  peek: boolean;
  /** Reveal on its own once everyone here has placed every item (from this tab, while it is open). */
  autoReveal: boolean;
  onAutoReveal(on: boolean): void;
  progress: Progress;
  timer: Timer;
  /** Who has not finished, those here first: the focused item, or every item. */
  stillPlacing: { items: number; focus: string | null; people: StillPlacing[] };
  onTimer(timer: Timer): void;
  round: number;
  anonymous: boolean;
  onAnonymous(anonymous: boolean): void;
  grid: Grid;
  onGrid(grid: Grid): void;
  goal: GoalCorner | null;
  onGoal(goal: GoalCorner | null): void;
  /** Saves this round as a snapshot, then starts the next; rejects with the reason if the save failed. */
  onNewRound(keepPlacements: boolean): Promise<void>;
  onLock(locked: boolean): void;
  onBlind(blind: boolean): void;
  onPeek(peek: boolean): void;
}

/** The facilitator's controls. The server enforces them; this bar only exists on the facilitator's link. */
export function FacilitatorBar(props: FacilitatorBarProps) {
  const { locked, blind, peek, progress, timer, stillPlacing, round, anonymous, onTimer, onLock, onBlind, onPeek, onAnonymous } = props;
  const [editingGrid, setEditingGrid] = useState(false);
  const [nextRound, setNextRound] = useState<{ keep: boolean; state: "choosing" | "saving" | { failed: string } } | null>(null);
  return (
    <section aria-labelledby="facilitator-heading" className="rounded-2xl border border-indigo-200 bg-indigo-50/60 p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        <h2 id="facilitator-heading" className="text-sm font-semibold tracking-wider text-indigo-900 uppercase">
          Facilitator
        </h2>
        <div role="toolbar" aria-label="Facilitator controls" className="flex flex-wrap items-center gap-2">
          {blind ? (
            <Button variant="primary" onClick={() => onBlind(false)}>
              Reveal placements
            </Button>
          ) : (
            <Button onClick={() => onBlind(true)}>Start a blind round</Button>
          )}
          {blind && (
            <Button pressed="violet" aria-pressed={peek} onClick={() => onPeek(!peek)}>
              Peek at placements
            </Button>
          )}
          {blind && (
            <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-900">
              <input type="checkbox" checked={props.autoReveal} onChange={(e) => props.onAutoReveal(e.target.checked)} className="size-4 accent-indigo-600" />
              Reveal when everyone here has placed everything
            </label>
          )}
          <Button pressed="amber" aria-pressed={locked} onClick={() => onLock(!locked)}>
            {locked ? "Locked — unlock" : "Lock board"}
          </Button>
        </div>
        <Button pressed="slate" aria-pressed={anonymous} onClick={() => onAnonymous(!anonymous)}>
          Anonymous names
        </Button>
        <Button aria-expanded={editingGrid} onClick={() => setEditingGrid(!editingGrid)}>
          Edit grid
        </Button>
        <Button aria-expanded={nextRound !== null} onClick={() => setNextRound(nextRound ? null : { keep: true, state: "choosing" })}>
          New round
        </Button>
        <TimerControls timer={timer} onTimer={onTimer} />
        {blind && (
          <p className="text-sm text-indigo-950">
            <span className="font-semibold tabular-nums">{progress.count}</span> {progress.rest}
            {progress.away && <span className="text-slate-700"> · {progress.away}</span>}
          </p>
        )}
      </div>
      {editingGrid && (
        <GridEditor
          grid={props.grid}
          goal={props.goal}
          onSave={(grid, goal) => {
            if (JSON.stringify(grid) !== JSON.stringify(props.grid)) props.onGrid(grid);
            if (goal !== props.goal) props.onGoal(goal);
          }}
          onClose={() => setEditingGrid(false)}
        />
      )}
      {nextRound && (
        <fieldset className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border border-indigo-200 bg-white p-3 text-sm">
          <legend className="sr-only">Round {round + 1}</legend>
          <p className="w-full text-slate-700">
            Round {round} is saved as a snapshot named “Round {round}”; the board then compares each item’s spread with it.
          </p>
          {([true, false] as const).map((keep) => (
            <label key={String(keep)} className="flex items-center gap-2">
              <input
                type="radio"
                name="next-round"
                checked={nextRound.keep === keep}
                onChange={() => setNextRound({ keep, state: "choosing" })}
                className="size-4 accent-indigo-600"
              />
              {keep ? "Keep placements for re-voting" : "Clear all placements"}
            </label>
          ))}
          <Button
            variant="primary"
            disabled={nextRound.state === "saving"}
            onClick={() => {
              const keep = nextRound.keep;
              setNextRound({ keep, state: "saving" });
              props.onNewRound(keep).then(
                () => setNextRound(null),
                (error: unknown) => setNextRound({ keep, state: { failed: error instanceof Error ? error.message : String(error) } }),
              );
            }}
          >
            {nextRound.state === "saving" ? "Saving…" : `Start round ${round + 1}`}
          </Button>
          {typeof nextRound.state === "object" && (
            <p role="alert" className="w-full font-medium text-rose-800">
              Round {round} could not be saved, so the round did not change: {nextRound.state.failed}
            </p>
          )}
        </fieldset>
      )}
      <StillPlacingLine {...stillPlacing} />
      {blind && (
        <p className="mt-2 text-sm text-slate-700">
          Placements are hidden on everyone’s screen until you reveal them{peek ? "; only you are peeking" : ""}. This hides them in the
          interface, not cryptographically: anyone with a link could read the board’s data.
        </p>
      )}
    </section>
  );
}

/** "Still placing: Gus (1 of 9), Ann (0 of 9) · not here: Hal (4 of 9)": who the group is waiting for, and who it cannot wait for. */
function StillPlacingLine({ items, focus, people }: FacilitatorBarProps["stillPlacing"]) {
  const label = (p: StillPlacing) => (focus ? p.name : `${p.name} (${p.placed} of ${items})`);
  const here = people.filter((p) => p.here).map(label);
  const away = people.filter((p) => !p.here).map(label);
  return (
    <p className="mt-2 text-sm text-slate-800">
      <span className="font-semibold">Still placing{focus ? ` ${focus}` : ""}:</span> {here.length === 0 ? "nobody here" : here.join(", ")}
      {away.length > 0 && <span className="text-slate-600"> · not here: {listNames(away, 6)}</span>}
    </p>
  );
}
