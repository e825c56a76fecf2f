import { textOn } from "../lib/board/colors";
import type { Peer } from "../lib/board/presence";
import type { Participant } from "../lib/board/schema";

interface PresenceBarProps {
  peers: Peer[];
  /** This tab's own person, shown first; null for viewers. */
  self: { id: string; name: string; color: string } | null;
  /** The board's participants: names and colours come from here, not from what a peer claims. */
  participants: Participant[];
  /** Names are hidden: someone not (yet) among the participants shows as "Someone", not by the name they claim. */
  anonymous: boolean;
  itemText: ReadonlyMap<string, string>;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]!.toLocaleUpperCase())
    .join("");

/** Who has the board open right now, and what they are moving. Viewers are counted, not named. */
export function PresenceBar({ peers, self, participants, anonymous, itemText }: PresenceBarProps) {
  const known = new Map(participants.map((p) => [p.id, p]));
  // Viewers are counted, not named; this person's other tabs are this person.
  const named = peers.filter((p) => p.user.participant !== null && p.user.participant !== self?.id);
  const viewers = peers.filter((p) => p.user.participant === null).length;
  const people = [
    ...(self ? [{ key: "self", name: self.name, suffix: " (you)", color: self.color, doing: null as string | null }] : []),
    ...named.map((p) => {
      const participant = known.get(p.user.participant!);
      return {
        key: String(p.clientId),
        name: participant?.name ?? (anonymous ? "Someone" : p.user.name),
        suffix: "",
        color: participant?.color ?? p.user.color,
        doing: p.drag && itemText.has(p.drag.item) ? `moving ${itemText.get(p.drag.item)}` : null,
      };
    }),
  ];
  return (
    <section aria-labelledby="presence-heading" className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <h2 id="presence-heading" className="text-sm font-semibold text-slate-700">
        Here now
      </h2>
      <ul className="flex flex-wrap items-center gap-1.5">
        {people.map((p) => (
          <li
            key={p.key}
            className="flex max-w-[14rem] items-center gap-1.5 rounded-full border border-slate-200 bg-white py-0.5 pr-2.5 pl-0.5 text-sm text-slate-800 shadow-xs"
          >
            <span
              aria-hidden="true"
              className="grid size-6 shrink-0 place-items-center rounded-full text-[0.625rem] font-bold"
              style={{ background: p.color, color: textOn(p.color) }}
            >
              {initials(p.name)}
            </span>
            <span className="truncate">
              {p.name}
              {p.suffix}
              {p.doing && <span className="text-slate-500"> · {p.doing}</span>}
            </span>
          </li>
        ))}
        {viewers > 0 && (
          <li className="rounded-full border border-dashed border-slate-300 px-2.5 py-0.5 text-sm text-slate-600">
            {viewers} {viewers === 1 ? "viewer" : "viewers"}
          </li>
        )}
        {people.length === 0 && viewers === 0 && <li className="text-sm text-slate-600">Nobody else yet</li>}
      </ul>
    </section>
  );
}
