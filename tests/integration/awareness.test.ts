import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { sleep, synced, boardFixture, waitFor } from "./harness";

const fx = boardFixture();

/** An awareness message claiming states for several client ids at once. */
function forgedAwareness(entries: Array<[id: number, clock: number, state: object]>): Uint8Array {
  const body = encoding.createEncoder();
  encoding.writeVarUint(body, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(body, id);
    encoding.writeVarUint(body, clock);
    encoding.writeVarString(body, JSON.stringify(state));
  }
  const msg = encoding.createEncoder();
  encoding.writeVarUint(msg, 1);
  encoding.writeVarUint8Array(msg, encoding.toUint8Array(body));
  return encoding.toUint8Array(msg);
}

describe("awareness", () => {
  it("relays presence, lets each connection speak only for itself, and clears it on leave", async () => {
    const alice = fx.connect(fx.board.keys.participant);
    const bob = fx.connect(fx.board.keys.viewer);
        await Promise.all([synced(alice), synced(bob)]);
    alice.provider.awareness.setLocalStateField("user", { name: "Alice" });
    await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID) !== undefined, "alice's presence at bob");

    // Every state Bob is ever shown for the three ids, so a forgery shown for a moment and then replaced is caught too.
    const seen = new Map<number, string[]>();
    bob.provider.awareness.on("change", ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const id of [...added, ...updated]) {
        const name = (bob.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name ?? "(none)";
        seen.set(id, [...(seen.get(id) ?? []), name]);
      }
    });
    const aliceClock = alice.provider.awareness.meta.get(alice.doc.clientID)!.clock;

    // A raw client announces itself, then tries to overwrite Alice's presence and invent a third person.
    const raw = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.participant}`);
    await new Promise((r) => raw.once("open", r));
    raw.send(forgedAwareness([[4242, 1, { user: { name: "Mallory" } }]]));
    await waitFor(() => bob.provider.awareness.getStates().has(4242), "raw client's own presence");
    // Clocks ahead of what the server holds: only ownership and size can stop these, never staleness.
    raw.send(
      forgedAwareness([
        [alice.doc.clientID, aliceClock + 100, { user: { name: "Not Alice" } }],
        [777, 1, { user: { name: "Ghost" } }],
      ]),
    );
    raw.send(forgedAwareness([[4242, 2, { user: { name: "M".repeat(20_000) } }]]));
    // The same clock again, small this time: it is news to the server only if the oversized state was
    // refused, and it is handled after everything above on the same socket. Once Bob shows it, the
    // server has been through the forgeries, and whatever it relayed of them has reached Bob before it.
    raw.send(forgedAwareness([[4242, 2, { user: { name: "Mallory again" } }]]));
    await waitFor(
      () => (bob.provider.awareness.getStates().get(4242) as { user?: { name: string } } | undefined)?.user?.name === "Mallory again",
      "the raw client's later, well-formed presence",
    );
    const states = bob.provider.awareness.getStates();
    expect((states.get(alice.doc.clientID) as { user: { name: string } }).user.name).toBe("Alice");
    expect(states.has(777)).toBe(false);
    expect(seen.get(alice.doc.clientID) ?? []).not.toContain("Not Alice");
    expect(seen.has(777)).toBe(false);
    expect(seen.get(4242)).toEqual(["Mallory", "Mallory again"]);

    raw.close();
    await waitFor(() => !bob.provider.awareness.getStates().has(4242), "presence removed on leave");
    alice.provider.disconnect();
    await waitFor(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), "alice removed on leave");
  });

  it("a client that first echoes someone else's presence still gets its own across", async () => {
    const alice = fx.connect(fx.board.keys.participant);
    await synced(alice);
    alice.provider.awareness.setLocalStateField("user", { name: "Alice" });
    // Bob has no presence of his own when he connects, so the first awareness he sends is the echo of Alice's.
    const bob = fx.connect(fx.board.keys.participant);
    bob.provider.awareness.setLocalState(null); // before its socket opens
    await synced(bob);
    await waitFor(() => bob.provider.awareness.getStates().has(alice.doc.clientID), "alice's presence at bob");
    await sleep(100);
    bob.provider.awareness.setLocalState({ user: { name: "Bob" } });
    await waitFor(() => alice.provider.awareness.getStates().has(bob.doc.clientID), "bob's presence at alice");
    alice.provider.awareness.setLocalStateField("user", { name: "Alice B." });
    await waitFor(
      () => (bob.provider.awareness.getStates().get(alice.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === "Alice B.",
      "alice keeps speaking for herself",
    );
  });
});
