"use client";

import { useEffect } from "react";
import type { Role } from "../lib/board/schema";
import { recordRecentBoard } from "../lib/client/session/recent-boards";

/** Once the board has loaded, it goes on this browser's list of recent boards, under its current title. */
export function useRecentBoard(board: { id: string; title: string; key: string; role: Role }, synced: boolean): void {
  const { id, title, key, role } = board;
  useEffect(() => {
    if (synced) recordRecentBoard({ id, title, key, role, openedAt: Date.now() });
  }, [synced, id, title, key, role]);
}
