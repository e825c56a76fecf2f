import { describe, expect, it } from "vitest";
import { placeItem, setMeta, unplaceItem } from "../../lib/board/commands";
import { readBoard, roots } from "../../lib/board/doc";
import type { Grid } from "../../lib/board/schema";
import { boardFixture, synced, waitFor } from "./harness";
import { permissionDenials } from "./seats-helpers";

/*
 * The server never stores a placement no grid can hold, whoever writes it and
 * whatever client they use: placeItem checks the board's grid in the browser,
 * and these clients write around it. One made on a grid that has since shrunk
 * is kept, with the rest of its writer's work.
 */
const fx = boardFixture(); // the alignment map: 3 × 3
// Refused writes are expected here: the stock client's warning of each is kept out of the output.
const denied = permissionDenials();
const open = async (key: string) => {
  const c = fx.connect(key);
  await synced(c);
  return c;
};
/** A person with a seat, who writes under their own id. */
const seated = async (name: string) => {
  const c = await fx.seated(name);
  await synced(c);
  return c;
};
/** The server's own copy of the placements map, once every accepted change is durable. */
const serverPlacements = () => fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => roots(room.doc).placements.toJSON());
const refusals = () => fx.srv.server.metrics.updatesRefused;
const placement = (item: string, participant: string, col: number, row: number) => ({ item, participant, col, row, at: Date.now() });

describe("the server keeps placements on a grid", () => {
  it("refuses a placement no grid can hold, brings its writer back in step, and relays one inside it", async () => {
    const participant = await seated("Pat");
    const other = await seated("Otto");
    const me = participant.participant;
    const refusedBefore = refusals();

    roots(participant.doc).placements.set(`rlhf:${me}`, placement("rlhf", me, 5.5, 0.5));
    await waitFor(() => refusals() > refusedBefore, "refusal");
    await waitFor(() => !roots(participant.doc).placements.has(`rlhf:${me}`), "writer's copy back in step");
    await waitFor(() => denied.some((w) => w.includes("placement (5.5, 0.5) is outside")), "the writer told why");
    expect(await serverPlacements()).toEqual({});
    expect(roots(other.doc).placements.has(`rlhf:${me}`)).toBe(false);

    // Below zero is off the grid too, and the refused writer's later valid edits still count.
    roots(participant.doc).placements.set(`scaling:${me}`, placement("scaling", me, 0.5, -0.25));
    await waitFor(() => !roots(participant.doc).placements.has(`scaling:${me}`), "negative row refused");
    placeItem(participant.doc, { item: "rlhf", participant: me, col: 2.999, row: 0.5 }, readBoard(participant.doc).meta.grid);
    await waitFor(() => readBoard(other.doc).placements.length === 1, "in-range placement relayed");
    expect(await serverPlacements()).toEqual({ [`rlhf:${me}`]: expect.objectContaining({ col: 2.999, row: 0.5 }) });
    expect(participant.provider.wsconnected).toBe(true);
  });

  it("refuses it from the facilitator too", async () => {
    const facilitator = await open(fx.board.keys.facilitator);
    const refusedBefore = refusals();
    roots(facilitator.doc).placements.set("rlhf:f", placement("rlhf", "f", 0.5, 1e6));
    await waitFor(() => refusals() > refusedBefore, "refusal");
    await waitFor(() => !roots(facilitator.doc).placements.has("rlhf:f"), "facilitator's copy back in step");
    expect(await serverPlacements()).not.toHaveProperty("rlhf:f");
  });

  it("keeps the whole of an offline batch made on a grid the facilitator has since shrunk", async () => {
    const facilitator = await open(fx.board.keys.facilitator);
    const participant = await seated("Pat");
    const me = participant.participant;
    const grid = readBoard(participant.doc).meta.grid;
    participant.provider.disconnect();
    // Offline: one note well inside, one in the column that is about to go, and a new item.
    placeItem(participant.doc, { item: "rlhf", participant: me, col: 0.5, row: 0.5 }, grid);
    placeItem(participant.doc, { item: "scaling", participant: me, col: 2.5, row: 0.5 }, grid);
    roots(participant.doc).items.set("i-offline", { id: "i-offline", text: "Offline idea", createdBy: me, createdAt: Date.now() });
    const smaller: Grid = { rows: grid.rows, columns: grid.columns.slice(0, 2) };
    setMeta(facilitator.doc, "grid", smaller);
    const serverColumns = () => fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => readBoard(room.doc).meta.grid.columns.length);
    for (let tries = 0; (await serverColumns()) !== 2; tries++) {
      if (tries > 200) throw new Error("the smaller grid never reached the server");
      await new Promise((r) => setTimeout(r, 10));
    }
    const refusedBefore = refusals();
    participant.provider.connect();
    await waitFor(() => readBoard(facilitator.doc).items.some((i) => i.id === "i-offline"), "offline item relayed");
    await waitFor(() => roots(facilitator.doc).placements.has(`scaling:${me}`), "the left-out placement stored too");
    expect(refusals()).toBe(refusedBefore);
    expect(roots(participant.doc).items.has("i-offline")).toBe(true);
    expect(readBoard(facilitator.doc).placements.map((p) => p.item)).toEqual(["rlhf"]);
  });

  it("keeps placements a smaller grid left outside, and refuses nothing else because of them", async () => {
    const facilitator = await open(fx.board.keys.facilitator);
    const participant = await seated("Pat");
    const me = participant.participant;
    const grid = readBoard(facilitator.doc).meta.grid;
    placeItem(participant.doc, { item: "rlhf", participant: me, col: 2.5, row: 2.5 }, grid);
    await waitFor(() => readBoard(facilitator.doc).placements.length === 1, "placement relayed");

    const smaller: Grid = { rows: grid.rows.slice(0, 2), columns: grid.columns.slice(0, 2) };
    setMeta(facilitator.doc, "grid", smaller);
    await waitFor(() => readBoard(participant.doc).meta.grid.rows.length === 2, "smaller grid relayed");
    // Outside the grid it is not read, as before, but it stays on the board.
    expect(readBoard(participant.doc).placements).toEqual([]);
    expect(Object.keys(await serverPlacements())).toEqual([`rlhf:${me}`]);

    const refusedBefore = refusals();
    placeItem(participant.doc, { item: "scaling", participant: me, col: 1.5, row: 1.5 }, smaller);
    setMeta(facilitator.doc, "title", "Renamed");
    await waitFor(() => readBoard(facilitator.doc).placements.length === 1 && readBoard(participant.doc).meta.title === "Renamed", "unrelated updates");
    unplaceItem(participant.doc, "rlhf", me);
    await waitFor(() => !roots(facilitator.doc).placements.has(`rlhf:${me}`), "take-back of the left-out placement");
    expect(refusals()).toBe(refusedBefore);
    expect(Object.keys(await serverPlacements())).toEqual([`scaling:${me}`]);
  });
});
