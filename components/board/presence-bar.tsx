import { textOn } from "../../lib/board/colors";
import type { Peer } from "../../lib/board/presence";
import type { Participant } from "../../lib/board/schema";

interface PresenceBarProps {
  peers: Peer[];
  /** This tab's own person, shown first; null for viewers. */
  self: { id: string; name: string; color: string } | null;
  /** Asks this person for a new name: their own chip is the way to it. */
  onChangeName?: () => void;
  /** The board's participants: names and colours come from here, not from what a peer claims. */
  participants: Participant[];
  /** Names are hidden: someone not (yet) among the participants shows as "Someone", not by the name they claim. */
  anonymous: boolean;
  itemText: ReadonlyMap<string, string>;
  /** The people counted on this board who do not have it open now. */
  away: Participant[];
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]!.toLocaleUpperCase())
    .join("");

/** Past this many, the people not here are summed up: a long list of absences is noise in a lecture hall. */
const AWAY_SHOWN = 12;

const chip = "flex max-w-[14rem] items-center gap-1.5 rounded-full border py-0.5 pr-2.5 pl-0.5 text-sm";

/**
 * Who has the board open right now, and what they are moving; then who takes part but is not
 * here, so a count of "3 of 5" never leaves the facilitator guessing. Viewers are counted, not named.
 */
export function PresenceBar({ peers, self, onChangeName, participants, anonymous, itemText, away }: PresenceBarProps) {
  const known = new Map(participants.map((p) => [p.id, p]));
  // Viewers are counted, not named; this person's other tabs are this person.
  const named = peers.filter((p) => p.user.participant !== null && p.user.participant !== self?.id);
  const viewers = peers.filter((p) => p.user.participant === null && p.user.role === "viewer").length;
  // A facilitator who runs the board without placing is here, and not among those counted.
  const facilitators = peers.filter((p) => p.user.participant === null && p.user.role === "facilitator").length;
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
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
      <section aria-labelledby="presence-heading" className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 id="presence-heading" className="text-sm font-semibold text-slate-700">
          Here now
        </h2>
        <ul className="flex flex-wrap items-center gap-1.5">
          {people.map((p) => {
            const inside = (
              <>
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
              </>
            );
            // A name typed in a hurry on a phone is fixed where the person sees it.
            if (p.key === "self" && onChangeName) {
              return (
                <li key={p.key}>
                  <button
                    type="button"
                    data-change-name
                    onClick={onChangeName}
                    title="Change your name"
                    aria-label={`${p.name} (you): change your name`}
                    className={`${chip} border-slate-200 bg-white text-slate-800 shadow-xs hover:border-indigo-300 hover:bg-indigo-50 focus-outline`}
                  >
                    {inside}
                    <span aria-hidden="true" className="text-xs text-indigo-700">
                      Edit
                    </span>
                  </button>
                </li>
              );
            }
            return (
              <li key={p.key} className={`${chip} border-slate-200 bg-white text-slate-800 shadow-xs`}>
                {inside}
              </li>
            );
          })}
          {facilitators > 0 && (
            <li className="rounded-full border border-indigo-200 bg-indigo-50 px-2.5 py-0.5 text-sm text-indigo-950">
              {facilitators === 1 ? "Facilitator" : `${facilitators} facilitators`}
            </li>
          )}
          {viewers > 0 && (
            <li className="rounded-full border border-dashed border-slate-300 px-2.5 py-0.5 text-sm text-slate-600">
              {viewers} {viewers === 1 ? "viewer" : "viewers"}
            </li>
          )}
          {people.length === 0 && viewers === 0 && facilitators === 0 && <li className="text-sm text-slate-600">Nobody else yet</li>}
        </ul>
      </section>
      {away.length > 0 && (
        <section aria-labelledby="away-heading" className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h2 id="away-heading" className="text-sm font-semibold text-slate-600">
            Not here
          </h2>
          <ul className="flex flex-wrap items-center gap-1.5">
            {away.slice(0, AWAY_SHOWN).map((p) => (
              <li key={p.id} className={`${chip} border-dashed border-slate-300 bg-slate-50 text-slate-600`}>
                <span
                  aria-hidden="true"
                  className="grid size-6 shrink-0 place-items-center rounded-full border-2 bg-white text-[0.625rem] font-bold text-slate-700"
                  style={{ borderColor: p.color }}
                >
                  {initials(p.name)}
                </span>
                <span className="truncate">{p.name}</span>
              </li>
            ))}
            {away.length > AWAY_SHOWN && <li className="text-sm text-slate-600">and {away.length - AWAY_SHOWN} more</li>}
          </ul>
        </section>
      )}
    </div>
  );
}
