import { expect, it } from "vitest";
import type { DocStore, SeatRecord } from "../../server/storage/types";
import { board, bytes, type StoreFactoryOptions } from "./store-contract";

const hash = (c: string) => c.repeat(64);
const seat = (boardId: string, participantId: string, seatHash: string, createdAt = 1000) => ({ boardId, participantId, seatHash, createdAt });
const sorted = (ids: string[]) => [...ids].sort();

/** The seats part of the store contract (`storeContractSuite` runs it for every adapter). */
export function seatContractCases(open: (options?: StoreFactoryOptions) => Promise<{ store: DocStore; reopen: () => Promise<DocStore> }>) {
  it("seats a participant id once per board and finds the seat by its secret's hash or by the id", async () => {
    const { store, reopen } = await open();
    const b = board();
    await store.createBoard(b, bytes(0));
    expect(await store.countSeats(b.id)).toBe(0);
    expect(await store.addSeat(seat(b.id, "ann", hash("1"), 1000))).toBe(true);
    expect(await store.addSeat(seat(b.id, "bo", hash("2"), 1500))).toBe(true);
    const ann: SeatRecord = { boardId: b.id, participantId: "ann", seatHash: hash("1"), createdAt: 1000, removedAt: null };
    expect(await store.findSeat(b.id, hash("1"))).toEqual(ann);
    expect(await store.getSeat(b.id, "ann")).toEqual(ann);
    expect(await store.findSeat(b.id, hash("3"))).toBeNull();
    expect(await store.getSeat(b.id, "cy")).toBeNull();

    // A second seat for the same id is refused, whatever its secret, and the first stays as it was.
    expect(await store.addSeat(seat(b.id, "ann", hash("4"), 2000))).toBe(false);
    expect(await store.findSeat(b.id, hash("4"))).toBeNull();
    expect(await store.getSeat(b.id, "ann")).toEqual(ann);
    expect(await store.countSeats(b.id)).toBe(2);
    expect(await store.removedParticipants(b.id)).toEqual([]);
    await store.close();

    const again = await reopen();
    expect(await again.findSeat(b.id, hash("1"))).toEqual(ann);
    expect(await again.addSeat(seat(b.id, "ann", hash("5")))).toBe(false);
    expect(await again.countSeats(b.id)).toBe(2);
    await again.close();
  });

  it("hands out one seat when two are taken for the same id at once", async () => {
    const { store } = await open();
    const b = board();
    await store.createBoard(b, bytes(0));
    const results = await Promise.all([store.addSeat(seat(b.id, "ann", hash("1"))), store.addSeat(seat(b.id, "ann", hash("2")))]);
    expect(sorted(results.map(String))).toEqual(["false", "true"]);
    expect(await store.countSeats(b.id)).toBe(1);
    const taken = results[0] ? hash("1") : hash("2");
    expect((await store.getSeat(b.id, "ann"))?.seatHash).toBe(taken);
    await store.close();
  });

  it("refuses seats and removals on an unknown board, storing nothing", async () => {
    const { store } = await open();
    expect(await store.addSeat(seat("missing", "ann", hash("1")))).toBe(false);
    expect(await store.removeSeat("missing", "bo", 1000)).toBe(false);
    expect(await store.getSeat("missing", "ann")).toBeNull();
    expect(await store.getSeat("missing", "bo")).toBeNull();
    expect(await store.findSeat("missing", hash("1"))).toBeNull();
    expect(await store.countSeats("missing")).toBe(0);
    expect(await store.removedParticipants("missing")).toEqual([]);
    await store.close();
  });

  it("removes a person with or without a seat, keeps the first removal's time, and never seats the id again", async () => {
    const { store, reopen } = await open();
    const b = board();
    await store.createBoard(b, bytes(0));
    await store.addSeat(seat(b.id, "ann", hash("1"), 1000));
    await store.addSeat(seat(b.id, "cy", hash("3"), 1200));

    expect(await store.removeSeat(b.id, "ann", 2000)).toBe(true);
    const removedAnn: SeatRecord = { boardId: b.id, participantId: "ann", seatHash: hash("1"), createdAt: 1000, removedAt: 2000 };
    expect(await store.getSeat(b.id, "ann")).toEqual(removedAnn);
    // Still found by its secret, so the server can tell a removed person from a stranger.
    expect(await store.findSeat(b.id, hash("1"))).toEqual(removedAnn);
    expect(await store.removeSeat(b.id, "ann", 3000)).toBe(true);
    expect(await store.getSeat(b.id, "ann")).toEqual(removedAnn);

    // Someone who never took a seat gets a removed one without a secret.
    expect(await store.removeSeat(b.id, "bo", 4000)).toBe(true);
    const removedBo: SeatRecord = { boardId: b.id, participantId: "bo", seatHash: null, createdAt: 4000, removedAt: 4000 };
    expect(await store.getSeat(b.id, "bo")).toEqual(removedBo);
    expect(await store.removeSeat(b.id, "bo", 5000)).toBe(true);
    expect(await store.getSeat(b.id, "bo")).toEqual(removedBo);

    expect(await store.addSeat(seat(b.id, "ann", hash("6"), 6000))).toBe(false);
    expect(await store.addSeat(seat(b.id, "bo", hash("7"), 6000))).toBe(false);
    expect(await store.findSeat(b.id, hash("7"))).toBeNull();
    expect(await store.getSeat(b.id, "bo")).toEqual(removedBo);

    expect(sorted(await store.removedParticipants(b.id))).toEqual(["ann", "bo"]);
    expect(await store.countSeats(b.id)).toBe(3);
    expect((await store.getSeat(b.id, "cy"))?.removedAt).toBeNull();
    await store.close();

    const again = await reopen();
    expect(sorted(await again.removedParticipants(b.id))).toEqual(["ann", "bo"]);
    expect(await again.getSeat(b.id, "bo")).toEqual(removedBo);
    await again.close();
  });

  it("keeps boards' seats apart", async () => {
    const { store } = await open();
    const a = board();
    const c = board();
    await store.createBoard(a, bytes(0));
    await store.createBoard(c, bytes(0));
    // The same participant id, even the same hash, on two boards are two seats.
    expect(await store.addSeat(seat(a.id, "ann", hash("1"), 1000))).toBe(true);
    expect(await store.addSeat(seat(c.id, "ann", hash("2"), 1100))).toBe(true);
    expect(await store.addSeat(seat(c.id, "bo", hash("1"), 1200))).toBe(true);
    expect(await store.addSeat(seat(a.id, "cy", hash("3"), 1300))).toBe(true);
    expect((await store.findSeat(a.id, hash("1")))?.participantId).toBe("ann");
    expect((await store.findSeat(c.id, hash("1")))?.participantId).toBe("bo");
    expect(await store.findSeat(c.id, hash("3"))).toBeNull();
    expect(await store.getSeat(c.id, "cy")).toBeNull();

    await store.removeSeat(a.id, "ann", 2000);
    await store.removeSeat(a.id, "dee", 2100);
    expect(sorted(await store.removedParticipants(a.id))).toEqual(["ann", "dee"]);
    expect(await store.removedParticipants(c.id)).toEqual([]);
    expect((await store.getSeat(c.id, "ann"))?.removedAt).toBeNull();
    expect(await store.getSeat(c.id, "dee")).toBeNull();
    expect(await store.countSeats(a.id)).toBe(3);
    expect(await store.countSeats(c.id)).toBe(2);
    await store.close();
  });

  it("deletes a board's seats with it, and nothing of another board's", async () => {
    const { store, reopen } = await open();
    const gone = board();
    const kept = board();
    for (const b of [gone, kept]) {
      await store.createBoard(b, bytes(0));
      await store.addSeat(seat(b.id, "ann", hash(b === gone ? "1" : "2")));
      await store.removeSeat(b.id, "bo", 2000);
    }
    expect(await store.deleteBoard(gone.id)).toBe(true);
    const check = async (s: DocStore) => {
      expect(await s.getSeat(gone.id, "ann")).toBeNull();
      expect(await s.findSeat(gone.id, hash("1"))).toBeNull();
      expect(await s.getSeat(gone.id, "bo")).toBeNull();
      expect(await s.countSeats(gone.id)).toBe(0);
      expect(await s.removedParticipants(gone.id)).toEqual([]);
      expect(await s.addSeat(seat(gone.id, "cy", hash("3")))).toBe(false);
      expect(await s.countSeats(kept.id)).toBe(2);
      expect((await s.findSeat(kept.id, hash("2")))?.participantId).toBe("ann");
      expect(await s.removedParticipants(kept.id)).toEqual(["bo"]);
    };
    await check(store);
    await store.close();
    const again = await reopen();
    await check(again);
    // A board made again under the deleted id starts with no seats: the old ones are gone, not hidden.
    await again.createBoard(gone, bytes(0));
    expect(await again.countSeats(gone.id)).toBe(0);
    expect(await again.addSeat(seat(gone.id, "ann", hash("4")))).toBe(true);
    expect(await again.addSeat(seat(gone.id, "bo", hash("5")))).toBe(true);
    await again.close();
  });

  it("keeps when seats came to a board when the record says so; a board created with seats has none", async () => {
    const { store, reopen } = await open();
    const older = board({ seatsSince: 1_700_000_123_456 });
    const newer = board();
    await store.createBoard(older, bytes(0));
    await store.createBoard(newer, bytes(0));
    await store.close();
    const again = await reopen();
    expect(await again.getBoard(older.id)).toEqual(older);
    expect(await again.getBoard(newer.id)).toEqual(newer);
    expect(await again.getBoard(newer.id)).not.toHaveProperty("seatsSince");
    await again.close();
  });
}
