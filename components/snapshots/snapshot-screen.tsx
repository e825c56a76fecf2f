"use client";

import Link from "next/link";
import { useEffect, useMemo } from "react";
import type { SnapshotSummaryJson } from "../../lib/api/schemas";
import { TEMPLATE_LABEL, referenceLabelOf } from "../../lib/board/template-labels";
import { snapshotBoard } from "../../lib/snapshot/restore";
import type { Snapshot } from "../../lib/snapshot/schema";
import { BoardExports } from "./board-exports";
import { BoardItems } from "../facilitation/board-items";
import { BackToBoard, BoardDataScreen } from "./board-data-screen";
import { ReadOnlyWorkspace } from "../board/read-only-workspace";
import { summarizeItems } from "../../lib/board/summary";
import { NOW, fetchSnapshot, fetchSnapshotList, formatTakenAt } from "../../lib/client/snapshots";
import { CompareForm } from "./compare-form";
import { comparePath } from "./snapshot-paths";
import { useBoardData } from "../../hooks/use-board-data";
import { buttonClass } from "../ui/button";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface Loaded {
  snapshot: Snapshot;
  entry: SnapshotSummaryJson;
  entries: SnapshotSummaryJson[];
}

/** One snapshot, read-only: the board exactly as it was, with its downloads and comparisons. */
export default function SnapshotScreen({ id, snapshotId }: { id: string; snapshotId: string }) {
  const data = useBoardData<Loaded>(id, snapshotId, async (key, signal) => {
    const [snapshot, entries] = await Promise.all([fetchSnapshot(id, key, snapshotId, signal), fetchSnapshotList(id, key, signal)]);
    const entry = entries.find((e) => e.id === snapshotId) ?? { id: snapshotId, name: "Snapshot", takenAt: snapshot.exportedAt };
    return { snapshot, entry, entries };
  });
  return <BoardDataScreen data={data}>{({ value, key }) => <SnapshotView boardId={id} boardKey={key} {...value} />}</BoardDataScreen>;
}

function SnapshotView({ boardId, boardKey, snapshot, entry, entries }: Loaded & { boardId: string; boardKey: string }) {
  const board = useMemo(() => snapshotBoard(snapshot), [snapshot]);
  const items = useMemo(() => summarizeItems(board), [board]);
  const { meta } = board;
  const referenceLabel = referenceLabelOf(meta.template);
  const takenAt = formatTakenAt(entry.takenAt);

  useEffect(() => {
    document.title = `${entry.name} · ${meta.title} · Cruxboard`;
  }, [entry.name, meta.title]);

  return (
    <div className="space-y-6">
      <BackToBoard boardId={boardId} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <p className="text-sm font-semibold tracking-wider text-indigo-700 uppercase">{TEMPLATE_LABEL[meta.template]} · Snapshot</p>
          <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl">{meta.title}</h1>
          <p className="text-slate-600">
            <span className="font-semibold text-slate-900">{entry.name}</span> · taken {takenAt} · {meta.grid.rows.length} × {meta.grid.columns.length}{" "}
            grid · {count(board.items.length, "item", "items")} · {count(board.participants.length, "participant", "participants")} ·{" "}
            {count(board.placements.length, "placement", "placements")}
          </p>
        </div>
        <p className="inline-flex items-center gap-2 rounded-full border border-amber-300 bg-amber-50 px-3 py-1 text-sm font-semibold text-amber-950">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-amber-700">
            <path d="M10 2a4 4 0 0 0-4 4v2H5a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V9a1 1 0 0 0-1-1h-1V6a4 4 0 0 0-4-4Zm-2 6V6a2 2 0 1 1 4 0v2H8Z" />
          </svg>
          Read-only snapshot
        </p>
      </div>
      <p className="rounded-xl border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
        This is the board exactly as it was at {takenAt}: every placement, each item’s spread and the ranking. It never changes; the live board goes on
        without it.
      </p>

      <ReadOnlyWorkspace board={board} />

      <div className="grid gap-10 pt-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <BoardItems grid={meta.grid} items={items} referenceLabel={referenceLabel} />
        <div className="space-y-6">
          <section aria-labelledby="compare-heading" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="compare-heading" className="text-lg font-semibold text-slate-900">
              Compare
            </h2>
            <p className="mt-1 text-sm text-slate-600">How far each item’s centre moved and how its spread changed.</p>
            <p className="mt-3">
              <Link href={comparePath(boardId, entry.id, NOW)} className={buttonClass({ variant: "primary" })}>
                Compare with now
              </Link>
            </p>
            {entries.length > 1 && <CompareForm boardId={boardId} entries={entries} initial={{ from: entry.id, to: otherThan(entries, entry.id) }} />}
          </section>
          <BoardExports
            heading="Download this snapshot"
            boardId={boardId}
            boardKey={boardKey}
            snapshot={{ id: entry.id, name: entry.name }}
            pictureOf={() => snapshot}
          />
        </div>
      </div>
    </div>
  );
}

/** The snapshot after this one, or else the one before: the natural thing to compare with. */
function otherThan(entries: SnapshotSummaryJson[], id: string): string {
  const i = entries.findIndex((e) => e.id === id);
  return (entries[i + 1] ?? entries[i - 1] ?? { id: NOW }).id;
}
