import type { BoardState } from "../../lib/board/doc";
import type { Role } from "../../lib/board/schema";
import type { Visibility } from "../../lib/board/visibility";

/**
 * During a blind round: how far the group has got, and for the facilitator who has placed each item
 * (names, never positions).
 */
export function BlindPanel({ board, visibility, role }: { board: BoardState; visibility: Visibility; role: Role }) {
  const names = new Map(board.participants.map((p) => [p.id, p.name]));
  return (
    <section aria-labelledby="blind-heading" className="space-y-3 rounded-2xl border border-violet-200 bg-violet-50/60 p-4">
      <h2 id="blind-heading" className="text-lg font-semibold text-slate-900">
        Blind round
      </h2>
      <p className="text-slate-700">
        Placements are hidden until the facilitator reveals them, so nobody anchors on anybody else. You see only your own.
      </p>
      <p className="text-2xl font-semibold text-slate-900 tabular-nums">
        {visibility.progress.count} <span className="text-base font-normal text-slate-700">{visibility.progress.rest}</span>
      </p>
      {visibility.progress.away && <p className="text-sm text-slate-700">{visibility.progress.away}.</p>}
      {role === "facilitator" && (
        <ul aria-label="Who has placed each item" className="space-y-1.5 text-sm">
          {board.items.map((item) => {
            const who = [...(visibility.placedBy.get(item.id) ?? [])].map((id) => names.get(id)).filter((n): n is string => !!n);
            return (
              <li key={item.id} className="break-words">
                <span className="font-medium text-slate-900">{item.text}</span>
                <span className="text-slate-700"> — {who.length === 0 ? "nobody yet" : who.join(", ")}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
