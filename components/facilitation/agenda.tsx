"use client";

import { useId, useMemo, useState } from "react";
import { discuss, endDiscussion, nextOnAgenda, stepBack, type AgendaStep } from "../../lib/board/agenda";
import type { Timer } from "../../lib/board/schema";
import type { ItemWithStats } from "../../lib/stats/board";
import { orderItems, orderOptions, type ItemOrder } from "../../lib/stats/list-order";
import { shapeWords } from "../../lib/stats/shape-words";
import { useServerTime } from "../board/board-timer";
import { formatPriority } from "../board/priority-flag";
import { Button } from "../ui/button";
import { Chevron } from "../ui/chevron";
import { Segmented } from "../ui/segmented";
import { timerOf } from "./timer-controls";

/** Split first leads: a two-camp item is where a discussion has most to find. With a goal corner, the priorities can be walked too. */
const AGENDA_ORDERS = orderOptions<ItemOrder>(["split", "contested"]);
const AGENDA_ORDERS_WITH_GOAL = orderOptions<ItemOrder>(["split", "contested", "priority"]);

const TIMER_MINUTES = [3, 5, 10] as const;

interface AgendaProps {
  /** Every item with its statistics, as this screen sees them. */
  entries: readonly ItemWithStats[];
  focus: string | null;
  discussed: readonly string[];
  /** True while a blind round hides the placements here: the order cannot follow the disagreement yet. */
  hidden: boolean;
  /** The board has a goal corner, so its items have priorities to take them up by. */
  hasGoal: boolean;
  onStep(step: AgendaStep): void;
  onTimer(timer: Timer): void;
}

/** A tick drawn inline, like the timer's stopwatch: an emoji would be an empty box where no emoji font is installed. */
function TickIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="2.25" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4.5 10.5l3.5 3.5 7.5-8" />
    </svg>
  );
}

/**
 * "Discuss next": the items in the order the discussion should take, the one under discussion, and
 * those already taken up. One click takes up the next item (everyone's view follows the focus) and,
 * if asked, starts the timer for it. The ordered list is behind a disclosure: while the session runs
 * the facilitator needs the next step and the grid, not the whole list.
 */
export function Agenda({ entries, discussed, hidden, hasGoal, onStep, onTimer, ...props }: AgendaProps) {
  const [chosen, setOrder] = useState<ItemOrder>("split");
  // Priorities chosen, then the goal corner taken away: back to the order that needs none.
  const order = chosen === "priority" && !hasGoal ? "split" : chosen;
  const [timed, setTimed] = useState(false);
  const [minutes, setMinutes] = useState<number>(5);
  const [open, setOpen] = useState(false);
  const clock = useServerTime(1000, false);
  const ids = useId();
  const ordered = useMemo(() => orderItems(entries, order), [order, entries]);
  const onBoard = new Set(entries.map((e) => e.item.id));
  // An item deleted since it was discussed (or focused) is no longer on the agenda, nor counted.
  const done = discussed.filter((id) => onBoard.has(id));
  const focus = props.focus !== null && onBoard.has(props.focus) ? props.focus : null;
  const doneSet = new Set(done);
  // Taking an item up ticks it at once (so "Discuss next" moves on); the count waits until its discussion is over, as the ticks do.
  const finished = done.filter((id) => id !== focus).length;
  const next = nextOnAgenda(
    ordered.map((e) => e.item.id),
    done,
    focus,
  );
  const back = stepBack(done, focus);
  const textOf = (id: string | null) => entries.find((e) => e.item.id === id)?.item.text ?? null;
  const focusText = textOf(focus);

  const take = (item: string) => {
    onStep(discuss(item, done, focus));
    if (timed) onTimer(timerOf(minutes, clock.read()));
  };

  const placed = entries.some((e) => e.stats !== null);
  const status =
    entries.length === 0
      ? "No items on the board yet."
      : next === null
        ? focusText
          ? `All ${entries.length} items have been taken up. Now discussing “${focusText}”.`
          : `All ${entries.length} items discussed.`
        : focusText
          ? `Now discussing “${focusText}”. Up next: “${textOf(next)}”.`
          : // Before anyone places, the order says nothing about disagreement: say so rather than offer the first item as if it were ready.
            !placed
            ? hidden
              ? "Placements are hidden in this blind round: the agenda follows the disagreement once they are revealed."
              : "Nothing placed yet: the agenda follows the disagreement once people place."
            : `Up next: “${textOf(next)}”.`;

  return (
    <section aria-label="Agenda" className="min-w-0 space-y-2">
      {/* One row while running the session, so the grid below stays on the first screen. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 className="text-sm font-semibold tracking-wider text-indigo-800 uppercase">Agenda</h2>
        {next !== null || focus === null ? (
          <Button variant="primary" disabled={next === null} onClick={() => next !== null && take(next)}>
            Discuss next
          </Button>
        ) : (
          <Button variant="primary" onClick={() => onStep(endDiscussion(done, focus))}>
            End the discussion
          </Button>
        )}
        <Button disabled={back === null} onClick={() => back && onStep(back)}>
          Back
        </Button>
        {/* The choice and its length wrap together on a narrow screen. */}
        <span className="inline-flex items-center gap-2">
          <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-900">
            <input type="checkbox" checked={timed} onChange={(e) => setTimed(e.target.checked)} className="size-4 accent-indigo-600" />
            Start the timer
          </label>
          <select
            aria-label="Timer length"
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
            className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus-ring"
          >
            {TIMER_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>
        </span>
        <p aria-live="polite" className="min-w-0 flex-1 basis-64 text-sm break-words text-slate-800">
          {status}
        </p>
        <Button variant="quiet" size="sm" aria-expanded={open} aria-controls={`${ids}-list`} onClick={() => setOpen(!open)}>
          <Chevron open={open} />
          <span className="tabular-nums">
            Agenda ({finished} of {entries.length} discussed)
          </span>
        </Button>
      </div>
      <div id={`${ids}-list`} hidden={!open} className="space-y-3 rounded-xl border border-slate-200 bg-white p-3">
        <Segmented<ItemOrder> label="Agenda order" options={hasGoal ? AGENDA_ORDERS_WITH_GOAL : AGENDA_ORDERS} value={order} onChange={setOrder} />
        {hidden && (
          <p className="text-sm text-amber-900">Placements are hidden in this blind round, so the order does not show the disagreement yet: reveal them (or peek) first.</p>
        )}
        {ordered.length > 0 && (
          <ol aria-label="Agenda" className="max-h-80 divide-y divide-slate-200 overflow-y-auto rounded-xl border border-slate-200">
            {ordered.map(({ item, stats }, i) => {
              const current = item.id === focus;
              const ticked = doneSet.has(item.id) && !current;
              const words = shapeWords(stats);
              return (
                <li key={item.id}>
                  <button
                    type="button"
                    aria-current={current ? "true" : undefined}
                    onClick={() => take(item.id)}
                    className="flex w-full items-start gap-3 px-3 py-2 text-left hover:bg-slate-50 focus-ring-inset aria-[current]:bg-sky-50"
                  >
                    <span aria-hidden="true" className="mt-0.5 w-5 shrink-0 text-right text-sm font-semibold text-slate-500 tabular-nums">
                      {i + 1}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className={`block font-medium break-words ${ticked ? "text-slate-500" : "text-slate-900"}`}>{item.text}</span>
                      <span className="block text-sm text-slate-600">
                        {stats
                          ? `${order === "priority" && stats.priority !== null ? `priority ${formatPriority(stats.priority)} · ` : ""}${words} · spread ${stats.spread.toFixed(2)}`
                          : "not placed yet"}
                      </span>
                    </span>
                    {current && <span className="shrink-0 rounded-full bg-sky-700 px-2 py-0.5 text-xs font-semibold text-white">Now</span>}
                    {ticked && (
                      <span className="shrink-0 text-emerald-700">
                        <TickIcon />
                        <span className="sr-only">discussed</span>
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        {done.length > 0 && (
          <Button variant="quiet" size="sm" onClick={() => onStep({ focus: null, discussed: [] })}>
            Start the agenda over
          </Button>
        )}
      </div>
    </section>
  );
}
