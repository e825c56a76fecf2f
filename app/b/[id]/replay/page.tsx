import type { Metadata } from "next";
import { ReplayLoader } from "../../../../components/snapshots/snapshot-loader";

export const metadata: Metadata = { title: "Replay · Cruxboard" };

export default async function ReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReplayLoader id={id} />;
}
