import type { Metadata } from "next";
import { SnapshotLoader } from "../../../../../components/snapshots/snapshot-loader";

export const metadata: Metadata = { title: "Snapshot · Cruxboard" };

export default async function SnapshotPage({ params }: { params: Promise<{ id: string; snapshotId: string }> }) {
  const { id, snapshotId } = await params;
  return <SnapshotLoader id={id} snapshotId={snapshotId} />;
}
