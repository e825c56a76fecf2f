import { z } from "zod/mini";
import "../zod-messages";
import { ColorSchema, IdSchema, LIMITS, RoleSchema, trimmedString } from "./schema";

/*
 * Presence: who has the board open right now and what they are dragging.
 * It travels as y-websocket awareness state, not in the document, so it is
 * never stored or exported; other clients' states are untrusted input and
 * are validated like everything else.
 */
export const PresenceSchema = z.object({
  user: z.object({
    /** Null for viewers, who never join the board. */
    participant: z.nullable(IdSchema),
    name: trimmedString(1, LIMITS.nameMax),
    color: ColorSchema,
    role: RoleSchema,
  }),
  /** The item being dragged and where it is now, in grid coordinates; null when not dragging. */
  drag: z.nullable(z.object({ item: IdSchema, col: z.number(), row: z.number() })),
});
export type Presence = z.infer<typeof PresenceSchema>;

export interface Peer extends Presence {
  /** Awareness client id: one per open tab. */
  clientId: number;
}

/** Someone else's drag in progress: who, which item, and where it is now. */
export interface PeerDrag {
  clientId: number;
  user: Presence["user"];
  item: string;
  col: number;
  row: number;
}

/**
 * The other people here, one entry per person (a participant with two tabs
 * open counts once, preferring the tab that is dragging), in a stable order.
 */
export function readPeers(states: ReadonlyMap<number, unknown>, selfClientId: number): Peer[] {
  const byPerson = new Map<string, Peer>();
  for (const [clientId, raw] of states) {
    if (clientId === selfClientId) continue;
    const parsed = PresenceSchema.safeParse(raw);
    if (!parsed.success) continue;
    const peer: Peer = { clientId, ...parsed.data };
    const person = peer.user.participant ?? `viewer:${clientId}`;
    const known = byPerson.get(person);
    if (!known || (!known.drag && peer.drag)) byPerson.set(person, peer);
  }
  return [...byPerson.values()].sort(
    (a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId,
  );
}
