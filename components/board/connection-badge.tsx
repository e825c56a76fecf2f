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

/** While offline, what becomes of this person's changes meanwhile. Short enough for two lines beside the name on a phone. */
const KEPT_ON: Record<"device" | "page", string> = {
  device: "Changes kept on this device, sent when back online",
  page: "Keep this page open: changes are sent when back online",
};

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const look = LOOK[status.kind];
  const kept = status.kind === "offline" && status.keptOn ? KEPT_ON[status.keptOn] : null;
  return (
    <p
      role="status"
      className={`inline-flex items-center gap-2 border px-3 text-sm font-medium ${kept ? "rounded-xl py-0.5" : "rounded-full py-1 whitespace-nowrap"} ${look.pill}`}
    >
      <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${look.dot}`} />
      {kept ? (
        <span className="flex max-w-56 flex-col sm:max-w-none">
          <span className="whitespace-nowrap">{look.label}</span>{" "}
          <span className="text-xs/tight font-normal text-pretty">{kept}</span>
        </span>
      ) : (
        look.label
      )}
    </p>
  );
}
