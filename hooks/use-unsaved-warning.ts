"use client";

import { useEffect } from "react";
import type { BoardConnection } from "../lib/board/connection";

/** Leaving while edits made offline are still waiting would lose them: the browser asks first. */
export function useUnsavedWarning(connection: BoardConnection): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (connection.hasUnsentChanges()) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [connection]);
}
