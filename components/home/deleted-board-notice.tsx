"use client";

import { useEffect, useState } from "react";
import { takeDeletedBoardTitle } from "../../lib/client/session/link-changes";

/** Says, once, which board this tab just deleted: the page the facilitator lands on afterwards. */
export function DeletedBoardNotice() {
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    // Read after hydration: the server has no tab storage, and the first render must match its HTML.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTitle(takeDeletedBoardTitle());
  }, []);
  if (title === null) return null;
  return (
    <div role="status" className="mx-auto mt-6 max-w-7xl px-4 sm:px-6 lg:px-8">
      <p className="rounded-xl border border-emerald-300 bg-emerald-50 px-5 py-3 text-emerald-950">
        <span className="font-semibold">The board “{title}” was deleted.</span> Its links no longer work, and it is gone from your recent
        boards.
      </p>
    </div>
  );
}
