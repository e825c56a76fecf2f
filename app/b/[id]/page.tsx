import type { Metadata } from "next";
import { BoardLoader } from "../../../components/board/board-loader";

export const metadata: Metadata = { title: "Board · Cruxboard" };

export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BoardLoader id={id} />;
}
