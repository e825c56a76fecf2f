"use client";

import dynamic from "next/dynamic";

/* A loading part of its own keeps the rest of the page on screen (and focus where it is) while it loads. */
const NOTHING = () => null;
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import type { SnapshotSummaryJson } from "../../lib/api/schemas";
import { EXPORT_FORMATS, exportHref } from "../../lib/client/export-links";
import { NOW, fetchSnapshotList, formatTakenAt } from "../../lib/client/snapshots";
import { textLinkClass } from "../ui/text-link";
import { comparePath, snapshotPath } from "./snapshot-paths";


/* Comparing and taking are offered only once there is something to compare, or to the facilitator: loaded then. */
const CompareForm = dynamic(() => import("./compare-form").then((m) => m.CompareForm), { loading: NOTHING });
const TakeSnapshot = dynamic(() => import("./take-snapshot").then((m) => m.TakeSnapshot), { loading: NOTHING });

/**
 * The board's named, immutable snapshots, oldest first: open one as it was,
 * compare two (or one with now), download each in every format. The
 * facilitator can take one now. `refreshKey` changes when a snapshot may have
 * been taken elsewhere (e.g. a new round).
 */
export function SnapshotsPanel({
  boardId,
  boardKey,
  canTake,
  held = false,
  refreshKey,
}: {
  boardId: string;
  boardKey: string;
  canTake: boolean;
  /** A blind round is running and this person may not see the group's placements: snapshots only list, nothing opens. */
  held?: boolean;
  refreshKey: number;
}) {
  const ids = useId();
  const [entries, setEntries] = useState<SnapshotSummaryJson[] | "failed" | null>(null);

  /** Bumped after taking a snapshot here, to list it. */
  const [taken, setTaken] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    fetchSnapshotList(boardId, boardKey, abort.signal).then(setEntries, () => !abort.signal.aborted && setEntries("failed"));
    return () => abort.abort();
  }, [boardId, boardKey, refreshKey, taken]);

  return (
    <section aria-labelledby={`${ids}-heading`} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${ids}-heading`} className="text-lg font-semibold text-slate-900">
        Snapshots
      </h2>
      <p className="mt-1 text-sm text-slate-600">Named copies of the board as it was, which never change afterwards.</p>
      {held ? (
        <p className="mt-2 text-sm text-slate-700">Opening, comparing and replaying wait until the facilitator reveals this blind round.</p>
      ) : (
        <p className="mt-2 text-sm">
          <Link href={`/b/${encodeURIComponent(boardId)}/replay`} className={textLinkClass("semibold")}>
            Replay the session
          </Link>{" "}
          <span className="text-slate-600">— watch every placement move, from the start.</span>
        </p>
      )}
      {canTake && <TakeSnapshot boardId={boardId} boardKey={boardKey} onTaken={() => setTaken((n) => n + 1)} />}
      {entries === "failed" ? (
        <p role="alert" className="mt-3 text-sm text-rose-800">
          The snapshots could not be listed.{" "}
          <button type="button" onClick={() => setTaken((n) => n + 1)} className={textLinkClass("semibold")}>
            Try again
          </button>
        </p>
      ) : entries === null ? null : entries.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No snapshots yet.</p>
      ) : (
        <>
          <ol aria-label="Snapshots" className="mt-4 divide-y divide-slate-100">
            {entries.map((s) => (
              <li key={s.id} className="py-2.5 text-sm first:pt-0">
                <p className="font-medium break-words text-slate-900">
                  {s.name} <span className="font-normal text-slate-600">· {formatTakenAt(s.takenAt)}</span>
                </p>
                {!held && (
                  <>
                    <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                      <Link href={snapshotPath(boardId, s.id)} aria-label={`Open ${s.name}`} className={textLinkClass("semibold")}>
                        Open
                      </Link>
                      <Link href={comparePath(boardId, s.id, NOW)} aria-label={`Compare ${s.name} with now`} className={textLinkClass("normal")}>
                        Compare with now
                      </Link>
                    </p>
                    <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-slate-600">
                      <span>Download:</span>
                      {EXPORT_FORMATS.map(({ format, label }) => (
                        <a
                          key={format}
                          href={exportHref(boardId, boardKey, format, s.id)}
                          download
                          aria-label={`Download ${s.name} as ${label}`}
                          className={textLinkClass("normal")}
                        >
                          {label}
                        </a>
                      ))}
                    </p>
                  </>
                )}
              </li>
            ))}
          </ol>
          {entries.length > 1 && !held && <CompareForm boardId={boardId} entries={entries} />}
        </>
      )}
    </section>
  );
}

/** Pick any two snapshots (or one and now) to compare; the earlier one goes first. */
