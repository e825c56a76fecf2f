"use client";

import dynamic from "next/dynamic";
import { BoardShell } from "./board-shell";

/*
 * Client-only: the board needs the key from the address bar and a live socket,
 * and keeping yjs out of server rendering means the Node process that already
 * runs the sync server never loads a second copy of it.
 */
const BoardScreen = dynamic(() => import("./board-screen"), {
  ssr: false,
  loading: () => <BoardShell status={{ kind: "connecting" }} />,
});

export function BoardLoader({ id, present = false }: { id: string; present?: boolean }) {
  return <BoardScreen id={id} present={present} />;
}
