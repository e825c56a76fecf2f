import type { Metadata } from "next";
import { CompareLoader } from "../../../../components/snapshots/snapshot-loader";

export const metadata: Metadata = { title: "Compare · Cruxboard" };

const one = (v: string | string[] | undefined): string => (typeof v === "string" ? v : "");

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  return <CompareLoader id={id} from={one(query.from)} to={one(query.to) || "now"} />;
}
