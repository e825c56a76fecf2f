import type { ConnectionStatus } from "../../lib/board/connection";

const LOOK: Record<ConnectionStatus["kind"], { label: string; dot: string; pill: string }> = {
  connecting: { label: "Connecting…", dot: "bg-amber-500 motion-safe:animate-pulse", pill: "border-amber-200 bg-amber-50 text-amber-900" },
  live: { label: "Live", dot: "bg-emerald-500", pill: "border-emerald-200 bg-emerald-50 text-emerald-900" },
  offline: {
    label: "Offline — reconnecting",
    dot: "bg-rose-500 motion-safe:animate-pulse",
    pill: "border-rose-200 bg-rose-50 text-rose-900",
  },
  closed: { label: "Disconnected", dot: "bg-slate-500", pill: "border-slate-300 bg-slate-100 text-slate-900" },
};

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const look = LOOK[status.kind];
  return (
    <p
      role="status"
      className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm font-medium whitespace-nowrap ${look.pill}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      {look.label}
    </p>
  );
}
