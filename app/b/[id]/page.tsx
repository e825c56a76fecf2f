import type { Metadata } from "next";
import { BoardLoader } from "../../../components/board/board-loader";

export const metadata: Metadata = {
  title: "Board · Cruxboard",
  // Board pages are private to whoever holds a key.
  robots: { index: false, follow: false },
};

export default async function BoardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BoardLoader id={id} />;
}
