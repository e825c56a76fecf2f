"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { SnapshotSummaryJson } from "../../lib/api/schemas";
import { sizeOf } from "../../lib/board/grid";
import { compareSnapshots, sortChanges, summarizeChanges, type ItemChange } from "../../lib/snapshot/compare";
import { comparisonCsv } from "../../lib/snapshot/csv";
import { comparisonMarkdown } from "../../lib/snapshot/markdown";
import { snapshotBoard } from "../../lib/snapshot/restore";
import type { Snapshot } from "../../lib/snapshot/schema";
import { downloadName, fileStem } from "../../lib/snapshot/file-name";
import { itemStats, itemsPerCell } from "../../lib/stats/board";
import { downloadText } from "./board-picture";
import { BackToBoard, BoardDataScreen, NothingToShow } from "./board-data-screen";
import { CompareLayer, ItemNumber, itemNumbers } from "./compare-layer";
import { CompareTable, type SortState } from "./compare-table";
import { GridFrame } from "../board/grid-frame";
import { LegendEntry, MARK } from "../board/grid-legend";
import { Button } from "../ui/button";
import { NOW, fetchSnapshot, fetchSnapshotList, formatTakenAt, inTimeOrder } from "../../lib/client/snapshots";
import { SnapshotChoices, selectClass } from "./compare-form";
import { comparePath } from "./snapshot-paths";
import { useBoardData } from "../../hooks/use-board-data";

interface Side {
  id: string;
  name: string;
  snapshot: Snapshot;
}

interface Loaded {
  entries: SnapshotSummaryJson[];
  before: Side;
  after: Side;
}

const sideName = (entries: SnapshotSummaryJson[], id: string) => {
  if (id === NOW) return "Now";
  const e = entries.find((x) => x.id === id);
  return e ? `${e.name} (${formatTakenAt(e.takenAt)})` : "Snapshot";
};

/** Two snapshots of a board (or one and the board now), side by side: per item, where the centre went and what the spread did. */
export default function CompareScreen({ id, from, to }: { id: string; from: string; to: string }) {
  const data = useBoardData<Loaded | null>(id, `${from}|${to}`, async (key, signal) => {
    const entries = await fetchSnapshotList(id, key, signal);
    const start = from || entries.at(-1)?.id;
    if (!start) return null;
    // A link may name them the other way round; the earlier one is always "before".
    const [first, second] = inTimeOrder(entries, start, to);
    const [a, b] = await Promise.all([fetchSnapshot(id, key, first, signal), fetchSnapshot(id, key, second, signal)]);
    return { entries, before: { id: first, name: sideName(entries, first), snapshot: a }, after: { id: second, name: sideName(entries, second), snapshot: b } };
  });
  return (
    <BoardDataScreen data={data}>
      {({ value, request, role }) =>
        // The board now, during a blind round, holds what the round hides from everyone but the facilitator.
        value && role !== "facilitator" && value.after.id === NOW && value.after.snapshot.board.blind ? (
          <NothingToShow boardId={id} title="Comparing with now waits for the reveal">
            A blind round is running: placements stay hidden until the facilitator reveals them, and so does a comparison with the board as
            it is now.
          </NothingToShow>
        ) : value ? (
          <CompareView
            boardId={id}
            stale={request !== `${from}|${to}`}
            // While the next comparison loads, the menus show what was asked for; then what is shown.
            chosen={request !== `${from}|${to}` ? { from: from || value.before.id, to } : { from: value.before.id, to: value.after.id }}
            {...value}
          />
        ) : (
          <NothingToShow boardId={id} title="No snapshots to compare yet">
            Take a snapshot on the board first (the facilitator can, in the Snapshots panel); then compare it with the board as it is later.
          </NothingToShow>
        )
      }
    </BoardDataScreen>
  );
}

function CompareView({ boardId, entries, before, after, stale, chosen }: Loaded & { boardId: string; stale: boolean; chosen: { from: string; to: string } }) {
  const router = useRouter();
  const [sort, setSort] = useState<SortState>({ key: "move", direction: "descending" });
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const areaRef = useRef<HTMLDivElement>(null);

  const comparison = useMemo(() => compareSnapshots(before.snapshot, after.snapshot), [before.snapshot, after.snapshot]);
  const rows = useMemo(() => sortChanges(comparison.changes, sort.key, sort.direction), [comparison, sort]);
  const afterBoard = useMemo(() => snapshotBoard(after.snapshot), [after.snapshot]);
  const grid = afterBoard.meta.grid;
  const size = sizeOf(grid);
  const counts = useMemo(() => itemsPerCell(itemStats(afterBoard), { rows: grid.rows.length, columns: grid.columns.length }), [afterBoard, grid]);
  const title = after.snapshot.board.title;
  const summary = useMemo(() => summarizeChanges(comparison.changes), [comparison]);
  const highlighted = hovered ?? selected;
  const numbers = useMemo(() => itemNumbers(comparison.changes), [comparison]);
  const nameOf = useMemo(() => {
    const names = new Map([...before.snapshot.participants, ...after.snapshot.participants].map((p) => [p.id, p.name]));
    return (id: string) => names.get(id) ?? "Someone";
  }, [before.snapshot, after.snapshot]);

  useEffect(() => {
    document.title = `Compare · ${title} · Cruxboard`;
  }, [title]);

  // The earlier one always goes first, so "moved", "new" and "closer together" read forwards in time.
  const go = (a: string, b: string) => {
    const [first, second] = inTimeOrder(entries, a, b);
    router.replace(comparePath(boardId, first, second), { scroll: false });
  };
  return (
    <div className="space-y-6" aria-busy={stale}>
      <BackToBoard boardId={boardId} />
      <div className="space-y-2">
        <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">Compare snapshots</p>
        <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl">{title}</h1>
      </div>

      <form className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm" onSubmit={(e) => e.preventDefault()}>
        <label className="min-w-[14rem] flex-1 text-sm font-medium text-slate-700">
          From
          <select value={chosen.from} onChange={(e) => go(e.target.value, chosen.to)} className={selectClass}>
            <SnapshotChoices entries={entries} />
          </select>
        </label>
        <label className="min-w-[14rem] flex-1 text-sm font-medium text-slate-700">
          To
          <select value={chosen.to} onChange={(e) => go(chosen.from, e.target.value)} className={selectClass}>
            <SnapshotChoices entries={entries} />
          </select>
        </label>
        <p className="w-full text-sm text-slate-600">{stale ? "Loading…" : "The earlier of the two is always “From”."}</p>
      </form>

      <p className="max-w-3xl text-pretty text-slate-700" role="status">
        From <span className="font-semibold text-slate-900">{before.name}</span> to <span className="font-semibold text-slate-900">{after.name}</span>:{" "}
        {summary}
      </p>
      {comparison.gridChanged && (
        <p className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          The grid’s rows or columns changed in between. Positions are compared in grid cells all the same, and drawn on the later grid.
        </p>
      )}

      <div className="grid gap-8 2xl:grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)]">
        <section aria-labelledby="moves-heading" className="min-w-0 max-w-4xl space-y-2">
          <h2 id="moves-heading" className="text-lg font-semibold text-slate-900">
            Where the centres moved
          </h2>
          <GridFrame grid={grid} label={`${title}: where each item’s centre moved`} areaRef={areaRef} groupCounts={counts}>
            <CompareLayer
              changes={comparison.changes}
              numbers={numbers}
              size={size}
              highlighted={highlighted}
              fromName={shortName(entries, before)}
              onSelect={(item) => setSelected((s) => (s === item ? null : item))}
              onHighlight={setHovered}
            />
          </GridFrame>
          <CompareLegend before={before.name} after={after.name} changes={comparison.changes} numbers={numbers} />
        </section>

        <section aria-labelledby="changes-heading" className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="changes-heading" className="text-lg font-semibold text-slate-900">
              Item by item
            </h2>
            <div className="flex flex-wrap gap-2">
              {(["csv", "md"] as const).map((kind) => (
                <Button
                  key={kind}
                  onClick={() => {
                    const labels = { before: before.name, after: after.name };
                    const name = (extension: string) => comparisonFileName(entries, title, before, after, extension);
                    if (kind === "csv") downloadText(comparisonCsv(before.snapshot, after.snapshot, rows), "text/csv", name("csv"));
                    else downloadText(comparisonMarkdown(before.snapshot, after.snapshot, { ...comparison, changes: rows }, labels), "text/markdown", name("md"));
                  }}
                >
                  {kind === "csv" ? "Download comparison CSV" : "Download as Markdown"}
                </Button>
              ))}
            </div>
          </div>
          <CompareTable
            changes={rows}
            sort={sort}
            onSort={setSort}
            numbers={numbers}
            selected={selected}
            onSelect={(item) => setSelected((s) => (s === item ? null : item))}
            onHighlight={setHovered}
            gridBefore={before.snapshot.board.grid}
            gridAfter={grid}
            nameOf={nameOf}
          />
        </section>
      </div>
    </div>
  );
}

/** A side's name as its snapshot was named, without the time: "Round 1", "Now". */
const shortName = (entries: SnapshotSummaryJson[], side: Side): string =>
  side.id === NOW ? "Now" : (entries.find((e) => e.id === side.id)?.name ?? "Snapshot");

/** "reading-group-before-the-break-to-now-2026-12-06.csv": both ends by their own names, each kept short enough for the other to fit. */
function comparisonFileName(entries: SnapshotSummaryJson[], title: string, before: Side, after: Side, extension: string): string {
  const end = (side: Side) => fileStem(shortName(entries, side), 18);
  return downloadName({ title, name: `${end(before)} to ${end(after)}`, takenAt: after.snapshot.exportedAt, extension });
}

/** What the marks on the grid are, outside the drawing so no ring covers it, and the key to the items' numbers. */
function CompareLegend({ before, after, changes, numbers }: { before: string; after: string; changes: ItemChange[]; numbers: ReadonlyMap<string, number> }) {
  return (
    <div className="space-y-2 text-sm text-slate-700">
      <ul aria-label="Legend" className="flex flex-wrap gap-x-5 gap-y-1">
        <LegendEntry mark="size-2.5 rotate-45 border-2 border-slate-700 bg-white">
          <span>
            <span className="font-semibold text-slate-900">From</span> {before}
          </span>
        </LegendEntry>
        <LegendEntry mark={MARK.centre}>
          <span>
            <span className="font-semibold text-slate-900">To</span> {after}
          </span>
        </LegendEntry>
        <LegendEntry mark={MARK.spread}>spread of the selected item, from (grey) and to (indigo)</LegendEntry>
      </ul>
      <ol aria-label="Items by number" className="flex flex-wrap gap-x-4 gap-y-1">
        {changes
          .filter((c) => numbers.has(c.id))
          .map((c) => (
            <li key={c.id} data-key-item={c.id} className="flex min-w-0 items-center gap-1.5">
              <ItemNumber n={numbers.get(c.id)!} />
              <span className="break-words">{c.text}</span>
            </li>
          ))}
      </ol>
    </div>
  );
}
