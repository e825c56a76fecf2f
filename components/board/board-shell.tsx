import type { ReactNode } from "react";
import type { ConnectionStatus } from "../../lib/board/connection";
import { ConnectionBadge } from "./connection-badge";
import { SiteHeader } from "../ui/site-header";

/**
 * The frame every board screen shares; without children it shows a placeholder of the board.
 * A live board's header (the one with a connection status) stays in view as the page scrolls.
 */
export function BoardShell({ status, children }: { status?: ConnectionStatus; children?: ReactNode }) {
  return (
    <>
      <SiteHeader wide sticky={status !== undefined}>{status && <ConnectionBadge status={status} />}</SiteHeader>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8 lg:px-8 2xl:max-w-none 2xl:px-12">{children ?? <BoardPlaceholder />}</main>
    </>
  );
}

function BoardPlaceholder() {
  return (
    <div aria-hidden="true" className="motion-safe:animate-pulse">
      <div className="h-9 w-2/3 max-w-md rounded-lg bg-slate-200" />
      <div className="mt-3 h-4 w-48 rounded bg-slate-200" />
      <div className="mt-8 grid h-72 grid-cols-4 gap-px overflow-hidden rounded-2xl border border-slate-200 bg-slate-200">
        {Array.from({ length: 16 }, (_, i) => (
          <div key={i} className="bg-white" />
        ))}
      </div>
    </div>
  );
}
