"use client";

import dynamic from "next/dynamic";
import { BoardShell } from "../board/board-shell";

/* Client-only, like the board: the key lives in this tab, never in the server's render. */
const SnapshotScreen = dynamic(() => import("./snapshot-screen"), { ssr: false, loading: () => <BoardShell /> });
const CompareScreen = dynamic(() => import("./compare-screen"), { ssr: false, loading: () => <BoardShell /> });
const ReplayScreen = dynamic(() => import("./replay-screen"), { ssr: false, loading: () => <BoardShell /> });

export function SnapshotLoader({ id, snapshotId }: { id: string; snapshotId: string }) {
  return <SnapshotScreen id={id} snapshotId={snapshotId} />;
}

export function CompareLoader({ id, from, to }: { id: string; from: string; to: string }) {
  return <CompareScreen id={id} from={from} to={to} />;
}

export function ReplayLoader({ id }: { id: string }) {
  return <ReplayScreen id={id} />;
}
