import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addItem, deleteItem, editItem, joinParticipant, placeItem, setMeta, unplaceItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connect, createBoardVia, startServer, synced, waitFor, type Client, type TestServer } from "./harness";
import { permissionDenials, seatedClient, type SeatedClient } from "./seats-helpers";

let srv: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];
const open = async (key: string) => {
  const c = connect(srv.wsUrl, board.id, key);
  clients.push(c);
  await synced(c);
  return c;
};
/** A person who took a seat, connected with it and synced. */
const seated = async (name: string): Promise<SeatedClient> => {
  const c = await seatedClient(srv.url, srv.wsUrl, board, name);
  clients.push(c);
  await synced(c);
  return c;
};
/** What the stock client logged of the server's "permission denied" messages (and nothing else is silenced). */
const denied = permissionDenials();
/** The server's own copy, read once every accepted change is durable. */
const serverState = () => srv.server.rooms.withSettledRoom(board.id, (room) => readBoard(room.doc));
const grid = () => readBoard(clients[0]!.doc).meta.grid;
/**
 * A change sent now from a new facilitator connection, waited for at `reader`: the server relays in
 * the order it handles messages, so whatever it would have relayed of an earlier write is at `reader` too.
 */
const relayedAfter = async (reader: Client, marker: string) => {
  const writer = await open(board.keys.facilitator);
  setMeta(writer.doc, "title", marker);
  await waitFor(() => readBoard(reader.doc).meta.title === marker, `"${marker}" at the reader`);
};

beforeEach(async () => {
  srv = await startServer();
  board = await createBoardVia(srv.url, { title: "Roles" });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

describe("roles are enforced by the server", () => {
  it("never applies a viewer's write and closes the viewer with a reason", async () => {
    const facilitator = await open(board.keys.facilitator);
    const viewer = await open(board.keys.viewer);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      viewer.provider.on("connection-close", (e: CloseEvent | null) => resolve({ code: e?.code ?? 0, reason: e?.reason ?? "" })),
    );
    placeItem(viewer.doc, { item: "rlhf", participant: "v", col: 1.5, row: 1.5 }, grid());
    expect(await closed).toEqual({ code: 4403, reason: "viewers cannot change the board" });
    viewer.provider.disconnect();
    await relayedAfter(facilitator, "After the viewer");
    expect((await serverState()).placements).toHaveLength(0);
    expect(readBoard(facilitator.doc).placements).toHaveLength(0);
  });

  it("keeps participants out of meta and restores the participant's view", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await seated("Pat");
    const other = await seated("Otto");
    setMeta(participant.doc, "title", "Hijacked");
    setMeta(participant.doc, "locked", true);
    await waitFor(() => readBoard(participant.doc).meta.title === "Roles", "participant title restored");
    await waitFor(() => readBoard(participant.doc).meta.locked === false, "participant lock restored");
    expect((await serverState()).meta.title).toBe("Roles");
    expect(readBoard(other.doc).meta.title).toBe("Roles");
    expect(readBoard(facilitator.doc).meta.title).toBe("Roles");
    await waitFor(() => denied.some((w) => w.includes("only the facilitator can change meta")), "the writer told why");

    // The refused writer keeps working: its later valid edits still reach everyone.
    placeItem(participant.doc, { item: "scaling", participant: participant.participant, col: 0.5, row: 0.5 }, grid());
    await waitFor(() => readBoard(other.doc).placements.length === 1, "valid write after refusal");
    expect((await serverState()).placements).toHaveLength(1);

    setMeta(facilitator.doc, "title", "Renamed by facilitator");
    await waitFor(() => readBoard(participant.doc).meta.title === "Renamed by facilitator", "facilitator meta write");
    const docs = [facilitator, participant, other].map((c) => readBoard(c.doc).meta);
    for (const m of docs) expect(m).toEqual(docs[0]);
  });

  it("applies nothing from participants while locked, and resumes after unlock", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await seated("Pat");
    const me = participant.participant;
    placeItem(participant.doc, { item: "rlhf", participant: me, col: 0.2, row: 0.2 }, grid());
    await waitFor(() => readBoard(facilitator.doc).placements.length === 1, "placement before lock");

    setMeta(facilitator.doc, "locked", true);
    await waitFor(() => readBoard(participant.doc).meta.locked, "lock reaches participant");

    placeItem(participant.doc, { item: "rlhf", participant: me, col: 2.5, row: 2.5 }, grid()); // move
    placeItem(participant.doc, { item: "scaling", participant: me, col: 1.5, row: 1.5 }, grid()); // new
    await waitFor(() => {
      const ps = readBoard(participant.doc).placements;
      return ps.length === 1 && ps[0]!.col === 0.2;
    }, "participant copy back in step after locked moves");
    unplaceItem(participant.doc, "rlhf", me); // take back while locked
    await waitFor(() => readBoard(participant.doc).placements.length === 1, "locked take-back undone");
    const locked = await serverState();
    expect(locked.placements).toEqual([expect.objectContaining({ item: "rlhf", col: 0.2, row: 0.2 })]);
    expect(readBoard(facilitator.doc).placements).toEqual(locked.placements);

    setMeta(facilitator.doc, "locked", false);
    await waitFor(() => !readBoard(participant.doc).meta.locked, "unlock reaches participant");
    placeItem(participant.doc, { item: "scaling", participant: me, col: 1.5, row: 1.5 }, grid());
    placeItem(participant.doc, { item: "rlhf", participant: me, col: 2.5, row: 2.5 }, grid());
    await waitFor(() => readBoard(facilitator.doc).placements.length === 2, "writes after unlock");
    const after = await serverState();
    expect(after.placements.find((p) => p.item === "rlhf")).toMatchObject({ col: 2.5, row: 2.5 });
    expect(Y.encodeStateVector(participant.doc)).toEqual(Y.encodeStateVector(facilitator.doc));
  });

  it("refuses root types outside the board format", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await seated("Pat");
    participant.doc.getMap("evil").set("x", 1);
    participant.doc.getArray("items-list").insert(0, [1]);
    await waitFor(() => srv.server.metrics.updatesRefused >= 2, "both writes refused");
    await waitFor(() => participant.doc.getMap("evil").size === 0, "the writer's copy taken back");
    // A later, valid write from the same connection reaches the facilitator after anything relayed of those.
    placeItem(participant.doc, { item: "rlhf", participant: participant.participant, col: 0.5, row: 0.5 }, grid());
    await waitFor(() => readBoard(facilitator.doc).placements.length === 1, "the later valid write at the facilitator");
    const room = await srv.server.rooms.withSettledRoom(board.id, (r) => r.doc);
    expect(room.share.has("evil")).toBe(false);
    expect(room.share.has("items-list")).toBe(false);
    expect(facilitator.doc.share.has("evil")).toBe(false);
    expect(facilitator.doc.share.has("items-list")).toBe(false);
  });

  it("applies a seated participant's own entries only, refusing anything of another person's whole", async () => {
    const facilitator = await open(board.keys.facilitator);
    const ann = await seated("Ann");
    const bob = await seated("Bob");
    const watcher = await seated("Carol");
    placeItem(ann.doc, { item: "rlhf", participant: ann.participant, col: 0.5, row: 0.5 }, grid());
    addItem(ann.doc, { id: "ann-idea", text: "Ann's idea", createdBy: ann.participant, createdAt: 1 });
    const annName = readBoard(ann.doc).participants.find((p) => p.id === ann.participant)!.name;
    // Bob's own item, added and deleted: its id is spent.
    addItem(bob.doc, { id: "bob-gone", text: "Gone", createdBy: bob.participant, createdAt: 1 });
    await waitFor(() => readBoard(watcher.doc).items.some((i) => i.id === "bob-gone"), "Bob's own item applied");
    deleteItem(bob.doc, "bob-gone");
    await waitFor(
      () => readBoard(watcher.doc).placements.length === 1 && readBoard(watcher.doc).items.some((i) => i.id === "ann-idea") && !readBoard(watcher.doc).items.some((i) => i.id === "bob-gone"),
      "Ann's and Bob's own writes applied",
    );
    const before = await serverState();
    // Every state the others' copies pass through from here on, so that something relayed and then
    // taken back is caught as well as something that stayed.
    const passedThrough = [ann, watcher, facilitator].map((c) => {
      const states: ReturnType<typeof readBoard>[] = [];
      c.doc.on("update", () => states.push(readBoard(c.doc)));
      return states;
    });

    const attempts: Array<[string, () => void, string]> = [
      ["move Ann's note", () => placeItem(bob.doc, { item: "rlhf", participant: ann.participant, col: 2.5, row: 2.5 }, grid()), "a participant can place only their own notes"],
      ["take back Ann's note", () => unplaceItem(bob.doc, "rlhf", ann.participant), "a participant can place only their own notes"],
      ["edit Ann's item", () => editItem(bob.doc, "ann-idea", { text: "Bob was here" }), "a participant can change only items they added"],
      ["delete Ann's item", () => deleteItem(bob.doc, "ann-idea"), "a participant can change only items they added"],
      ["add an item in Ann's name", () => addItem(bob.doc, { id: "forged", text: "Forged", createdBy: ann.participant, createdAt: 1 }), "a participant's new item must be their own"],
      ["add an item again under an id deleted before", () => addItem(bob.doc, { id: "bob-gone", text: "Back", createdBy: bob.participant, createdAt: 3 }), "a deleted item's id cannot be used again"],
      ["rename Ann", () => joinParticipant(bob.doc, { id: ann.participant, name: "Mallory", color: "#000000", joinedAt: 1 }), "a participant can change only their own entry"],
      [
        "place Bob's own note and move Ann's in one change",
        () =>
          bob.doc.transact(() => {
            placeItem(bob.doc, { item: "scaling", participant: bob.participant, col: 1.5, row: 1.5 }, grid());
            placeItem(bob.doc, { item: "rlhf", participant: ann.participant, col: 2.5, row: 0.5 }, grid());
          }),
        "a participant can place only their own notes",
      ],
    ];
    for (const [what, attempt, reason] of attempts) {
      const refused = srv.server.metrics.updatesRefused;
      denied.length = 0;
      attempt();
      await waitFor(() => srv.server.metrics.updatesRefused > refused, `${what}: refused`);
      await waitFor(() => denied.some((w) => w.includes(reason)), `${what}: the writer told why`);
      // The writer is brought back in step with the board as it was.
      await waitFor(() => JSON.stringify(readBoard(bob.doc)) === JSON.stringify(before), `${what}: writer back in step`);
      expect(await serverState(), what).toEqual(before);
    }
    // Bob's own writes still go through after the refusals (a spot of his own, told apart from the refused one).
    placeItem(bob.doc, { item: "scaling", participant: bob.participant, col: 0.5, row: 2.5 }, grid());
    addItem(bob.doc, { id: "bob-idea", text: "Bob's idea", createdBy: bob.participant, createdAt: 2 });
    const hasBobsOwn = (c: Client) => readBoard(c.doc).placements.length === 2 && readBoard(c.doc).items.some((i) => i.id === "bob-idea");
    await waitFor(() => [ann, watcher, facilitator].every(hasBobsOwn), "Bob's own writes reach others");
    // Nothing of the refused ones was relayed: they came before these, and the others never saw any of it.
    const withoutBobsOwn = (b: ReturnType<typeof readBoard>) => ({
      ...b,
      placements: b.placements.filter((p) => !(p.participant === bob.participant && p.col === 0.5 && p.row === 2.5)),
      items: b.items.filter((i) => i.id !== "bob-idea"),
    });
    for (const states of passedThrough) for (const state of states) expect(withoutBobsOwn(state)).toEqual(before);
    expect(readBoard(watcher.doc).participants.find((p) => p.id === ann.participant)?.name).toBe(annName);
    const after = await serverState();
    expect(after.placements.map((p) => `${p.item}:${p.participant}`).sort()).toEqual([`rlhf:${ann.participant}`, `scaling:${bob.participant}`].sort());
    expect(after.items.find((i) => i.id === "ann-idea")).toMatchObject({ text: "Ann's idea", createdBy: ann.participant });
  });

  it("applies nothing from a participant connection without a seat, and says to take one", async () => {
    const facilitator = await open(board.keys.facilitator);
    const seatless = await open(board.keys.participant);
    const refused = srv.server.metrics.updatesRefused;
    placeItem(seatless.doc, { item: "rlhf", participant: "p1", col: 1.5, row: 1.5 }, grid());
    await waitFor(() => srv.server.metrics.updatesRefused > refused, "the seatless write refused");
    await waitFor(() => denied.some((w) => w.includes("this connection has no seat")), "the writer told to take a seat");
    await waitFor(() => readBoard(seatless.doc).placements.length === 0, "seatless copy back in step");
    await relayedAfter(facilitator, "After the seatless write");
    expect((await serverState()).placements).toHaveLength(0);
    expect(readBoard(facilitator.doc).placements).toHaveLength(0);
  });
});
