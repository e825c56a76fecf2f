import type { Metadata } from "next";
import { BoardLoader } from "../../../../components/board/board-loader";

export const metadata: Metadata = { title: "Presenter · Cruxboard" };

export default async function PresenterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BoardLoader id={id} present />;
}
