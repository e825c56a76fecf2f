"use client";

import { useEffect, useId, useMemo, useState } from "react";
import type { BoardHistoryJson, HistoryEvent, SnapshotSummaryJson } from "../../lib/api/schemas";
import type { BoardState } from "../../lib/board/doc";
import { cellName } from "../../lib/board/geometry";
import { cellOf, insideGrid, sizeOf } from "../../lib/board/grid";
import { placementKey } from "../../lib/board/schema";
import { Timeline } from "../../lib/board/timeline";
import { BackToBoard, BoardDataScreen, NothingToShow } from "./board-data-screen";
import { ReadOnlyWorkspace } from "../board/read-only-workspace";
import { fetchHistory, fetchSnapshotList, historyHref } from "../../lib/client/snapshots";
import { useBoardData } from "../../hooks/use-board-data";
import { Button } from "../ui/button";
import { textLinkClass } from "../ui/text-link";

interface Loaded {
  history: BoardHistoryJson;
  snapshots: SnapshotSummaryJson[];
}

/** The session as it happened: scrub or play through every placement, move and take-back. */
export default function ReplayScreen({ id }: { id: string }) {
  const data = useBoardData<Loaded>(id, "history", async (key, signal) => {
    const [history, snapshots] = await Promise.all([fetchHistory(id, key, signal), fetchSnapshotList(id, key, signal)]);
    return { history, snapshots };
  });
  return (
    <BoardDataScreen data={data}>
      {({ value, role, key }) =>
        // The replay would show what a blind round hides; like the board, it waits for the reveal.
        value.history.final.meta.blind && role !== "facilitator" ? (
          <NothingToShow boardId={id} title="The replay opens after the reveal">
            A blind round is running: placements stay hidden until the facilitator reveals them, and so does the replay.
          </NothingToShow>
        ) : (
          <ReplayView boardId={id} boardKey={key} {...value} />
        )
      }
    </BoardDataScreen>
  );
}

/** Session minutes per real second, as offered. */
const SPEEDS = [
  { value: 10, label: "10×" },
  { value: 60, label: "60× (an hour in a minute)" },
  { value: 300, label: "300×" },
];
/** While playing, a pause longer than this (in real time) is skipped: nobody wants to watch a coffee break. */
const MAX_WAIT_MS = 1_500;
const TICK_MS = 50;

const timeOfDay = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const withDate = (t: number) =>
  new Date(t).toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });
const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();
const elapsed = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
};

function ReplayView({ boardId, boardKey, history, snapshots }: Loaded & { boardId: string; boardKey: string }) {
  const ids = useId();
  const timeline = useMemo(() => new Timeline(history.start, history.events, history.final.meta), [history]);
  const n = timeline.length;
  const first = history.events[0]?.at ?? 0;
  const last = history.events.at(-1)?.at ?? first;
  // A board used over several days shows dates too.
  const clock = sameDay(first, last) ? timeOfDay : withDate;
  const [count, setCount] = useState(n);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(60);

  // Playing moves a session clock forward; the board shows every event up to it.
  useEffect(() => {
    if (!playing) return;
    let time = count === 0 ? first : history.events[count - 1]!.at;
    let shown = count;
    const timer = setInterval(() => {
      const next = history.events[shown];
      if (!next) {
        setPlaying(false);
        return;
      }
      time = Math.max(time + TICK_MS * speed, next.at - MAX_WAIT_MS * speed);
      shown = timeline.countAt(time);
      setCount(shown);
    }, TICK_MS);
    return () => clearInterval(timer);
    // The clock restarts from the shown moment only when playing starts or the speed changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, speed, timeline]);

  const board = useMemo(() => timeline.at(count), [timeline, count]);
  const before = useMemo(() => (count > 0 ? timeline.at(count - 1) : null), [timeline, count]);
  const event = count > 0 ? history.events[count - 1]! : null;
  const now = event?.at ?? first;
  const said =
    event && before
      ? describe(event, before, board)
      : history.dropped > 0 || history.prunedBefore !== null
        ? "The board after the earliest changes."
        : "The start of the session.";
  const marks = snapshots
    .map((s) => ({ ...s, count: timeline.countAt(Date.parse(s.takenAt)) }))
    .filter((s) => Date.parse(s.takenAt) >= first || s.count > 0);

  useEffect(() => {
    document.title = `Replay · ${history.title} · Cruxboard`;
  }, [history.title]);

  return (
    <div className="space-y-6">
      <BackToBoard boardId={boardId} />
      <div className="space-y-2">
        <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">Replay</p>
        <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl">{history.title}</h1>
        <p className="text-slate-600">
          {n === 0
            ? "Nothing has been placed on this board yet."
            : `${n} ${n === 1 ? "change" : "changes"} from ${clock(first)} to ${clock(last)} (${elapsed(last - first)}). Drags are shown where they ended.`}
          {history.dropped > 0 &&
            ` The ${history.dropped} earliest changes are too many to step through; the replay starts from the board they left.`}
          {history.prunedBefore !== null &&
            ` History before ${withDate(history.prunedBefore)} is no longer kept; the replay starts from the board as it was then.`}
        </p>
        {n > 0 && (
          <p className="text-sm">
            <a href={historyHref(boardId, boardKey, "csv")} download className={textLinkClass()}>
              Download the timeline (CSV)
            </a>{" "}
            <span className="text-slate-600">— one row per change, with its time, for analysis</span>
          </p>
        )}
      </div>

      {n > 0 && (
        <section aria-label="Replay controls" className="sticky top-2 z-30 space-y-3 rounded-2xl border border-slate-200 bg-white/95 p-4 shadow-sm backdrop-blur">
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="primary"
              className="min-w-24"
              onClick={() => {
                if (!playing && count >= n) setCount(0);
                setPlaying(!playing);
              }}
            >
              {playing ? "Pause" : count >= n ? "Play again" : "Play"}
            </Button>
            <Button disabled={count === 0} onClick={() => (setPlaying(false), setCount(count - 1))} aria-label="Previous change">
              <span aria-hidden="true">◀</span>
            </Button>
            <Button disabled={count >= n} onClick={() => (setPlaying(false), setCount(count + 1))} aria-label="Next change">
              <span aria-hidden="true">▶</span>
            </Button>
            <label className="ml-auto flex items-center gap-2 text-sm text-slate-700">
              Speed
              <select
                value={speed}
                onChange={(e) => setSpeed(Number(e.target.value))}
                className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm focus-field"
              >
                {SPEEDS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div>
            <div className="flex items-baseline justify-between gap-3 text-sm tabular-nums">
              <span className="font-semibold whitespace-nowrap text-slate-900">{clock(now)}</span>
              <span className="text-slate-600">
                change {count} of {n}
              </span>
            </div>
            <div className="relative mt-1 pb-2">
              <input
                id={`${ids}-moment`}
                type="range"
                min={0}
                max={n}
                step={1}
                value={count}
                onChange={(e) => {
                  setPlaying(false);
                  setCount(Number(e.target.value));
                }}
                aria-label="Moment in the session"
                aria-valuetext={`${clock(now)}, change ${count} of ${n}`}
                className="h-2 w-full cursor-pointer accent-indigo-700"
              />
              {/* Where each snapshot was taken, under the track; the buttons below jump there. */}
              {marks.map((m) => (
                <span
                  key={m.id}
                  aria-hidden="true"
                  title={m.name}
                  className="pointer-events-none absolute bottom-0 h-2 w-0.5 -translate-x-1/2 rounded-full bg-amber-500"
                  style={{ left: `calc(0.5rem + (100% - 1rem) * ${m.count / n})` }}
                />
              ))}
            </div>
          </div>
          <p aria-live={playing ? "off" : "polite"} className="min-h-5 text-sm text-slate-800">
            <span className="text-slate-600">+{elapsed(now - first)} · </span>
            {said}
          </p>
          {marks.length > 0 && (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-slate-600">Jump to a snapshot:</span>
              {marks.map((m) => (
                <Button key={m.id} size="sm" pill pressed="amber" onClick={() => (setPlaying(false), setCount(m.count))} aria-pressed={count === m.count}>
                  <span aria-hidden="true" className="h-3 w-0.5 rounded-full bg-amber-500" />
                  {m.name}
                </Button>
              ))}
            </div>
          )}
        </section>
      )}

      <ReadOnlyWorkspace board={board} />
    </div>
  );
}

/** One event in words: who did what to which item, and where. */
function describe(event: HistoryEvent, before: BoardState, after: BoardState): string {
  const name = (id: string) => after.participants.find((p) => p.id === id)?.name ?? before.participants.find((p) => p.id === id)?.name ?? "Someone";
  const text = (id: string) => after.items.find((i) => i.id === id)?.text ?? before.items.find((i) => i.id === id)?.text ?? "an item";
  switch (event.kind) {
    case "place": {
      const earlier = before.placements.find((p) => placementKey(p.item, p.participant) === placementKey(event.item, event.participant));
      const reason = event.reason?.trim() ?? "";
      if (earlier && earlier.col === event.col && earlier.row === event.row) {
        const had = earlier.reason?.trim() ?? "";
        if (reason === "") return `${name(event.participant)} took back their reason for ${text(event.item)}.`;
        return `${name(event.participant)} ${had === "" ? "gave a reason" : "changed their reason"} for ${text(event.item)}: “${reason}”`;
      }
      const size = sizeOf(after.meta.grid);
      const cell = insideGrid(event, size) ? cellName(after.meta.grid, cellOf(event, size)) : "a cell the grid no longer has";
      const because = reason === "" || reason === (earlier?.reason?.trim() ?? "") ? "" : ` Reason: “${reason}”`;
      return `${name(event.participant)} ${earlier ? "moved" : "placed"} ${text(event.item)} ${earlier ? "to" : "in"} ${cell}.${because}`;
    }
    case "unplace":
      return `${name(event.participant)} took back ${text(event.item)}.`;
    case "item":
      return before.items.some((i) => i.id === event.item.id) ? `${event.item.text} was edited.` : `${name(event.item.createdBy)} added ${event.item.text}.`;
    case "item-removed":
      return `${text(event.item)} was deleted.`;
    case "participant":
      return before.participants.some((p) => p.id === event.participant.id) ? `${event.participant.name} changed their name.` : `${event.participant.name} joined.`;
  }
}
