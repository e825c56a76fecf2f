import { listNames } from "../../lib/board/people";
import type { PairGroup } from "../../lib/board/schema";

interface PartnerCardProps {
  group: PairGroup;
  /** This person's id: the others in the group are their partners. */
  me: string;
  nameOf(participant: string): string;
  itemText(item: string): string;
}

/** What a participant the facilitator paired up sees: who to talk with, and about what. */
export function PartnerCard({ group, me, nameOf, itemText }: PartnerCardProps) {
  const partners = group.members.filter((m) => m !== me).map(nameOf);
  const items = group.items.map(itemText);
  return (
    <section aria-label="Your partner" className="rounded-2xl border-2 border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-950 sm:px-5">
      <p className="text-lg break-words">
        <span className="font-semibold">
          {partners.length === 1 ? "Your partner" : "Your partners"}: {listNames(partners)}
        </span>
        {items.length > 0 ? (
          <>
            {" "}
            — talk about: <span className="font-semibold">{items.join(", ")}</span>
          </>
        ) : (
          " — you placed no item apart: compare your reasons on any item"
        )}
      </p>
      <p className="mt-1 text-sm text-emerald-900">
        {items.length > 0 ? "The items you placed furthest apart. " : ""}Find each other, say where you put each one and why, and look for what would change your mind.
      </p>
    </section>
  );
}
