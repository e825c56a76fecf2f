import Link from "next/link";
import type { ReactNode } from "react";
import type { AccessDenial } from "../../lib/client/access";
import { Button } from "../ui/button";

export const DENIAL_TEXT: Record<AccessDenial, { title: string; body: string }> = {
  "unknown-board": {
    title: "This board does not exist",
    body: "Check that the link was copied in full. Boards are only reachable through the links made when they were created.",
  },
  "missing-key": {
    title: "This link is missing its key",
    body: "Board links end in ?key=… — ask whoever runs the session to send the whole link again.",
  },
  "wrong-key": {
    title: "This key does not open this board",
    body: "The key in the link belongs to another board or was mistyped. Ask whoever runs the session for a fresh link.",
  },
};

/**
 * A whole-page notice about the board. `home` names the way back to the home page: where one can
 * create a board, or join another with a code — the next step for someone this board has let go.
 */
export function BoardNotice({ title, children, action, home = "Create a new board" }: { title: string; children: ReactNode; action?: ReactNode; home?: string }) {
  return (
    <div className="mx-auto max-w-xl rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm sm:p-10">
      <div aria-hidden="true" className="mx-auto mb-5 flex size-12 items-center justify-center rounded-full bg-amber-100 text-2xl text-amber-800">
        !
      </div>
      <h1 className="text-2xl font-bold tracking-tight text-balance text-slate-900">{title}</h1>
      <div className="mt-3 text-pretty text-slate-700">{children}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {action}
        <Link
          href="/"
          className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 font-medium text-slate-900 shadow-sm hover:bg-slate-50 focus-outline"
        >
          {home}
        </Link>
      </div>
    </div>
  );
}

/** Trying again, after a failure this page cannot get past on its own. */
export function RetryButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button variant="primary" size="lg" onClick={onClick}>
      {children}
    </Button>
  );
}
