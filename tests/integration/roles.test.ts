import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeItem, setMeta, unplaceItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connect, createBoardVia, sleep, startServer, synced, waitFor, type Client, type TestServer } from "./harness";

let srv: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];
const open = async (key: string) => {
  const c = connect(srv.wsUrl, board.id, key);
  clients.push(c);
  await synced(c);
  return c;
};
/** The server's own copy, read once every accepted change is durable. */
const serverState = () => srv.server.rooms.withSettledRoom(board.id, (room) => readBoard(room.doc));
const grid = () => readBoard(clients[0]!.doc).meta.grid;

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
    await sleep(100);
    expect((await serverState()).placements).toHaveLength(0);
    expect(readBoard(facilitator.doc).placements).toHaveLength(0);
  });

  it("keeps participants out of meta and restores the participant's view", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await open(board.keys.participant);
    const other = await open(board.keys.participant);
    setMeta(participant.doc, "title", "Hijacked");
    setMeta(participant.doc, "locked", true);
    await waitFor(() => readBoard(participant.doc).meta.title === "Roles", "participant title restored");
    await waitFor(() => readBoard(participant.doc).meta.locked === false, "participant lock restored");
    expect((await serverState()).meta.title).toBe("Roles");
    expect(readBoard(other.doc).meta.title).toBe("Roles");
    expect(readBoard(facilitator.doc).meta.title).toBe("Roles");

    // The refused writer keeps working: its later valid edits still reach everyone.
    placeItem(participant.doc, { item: "scaling", participant: "p1", col: 0.5, row: 0.5 }, grid());
    await waitFor(() => readBoard(other.doc).placements.length === 1, "valid write after refusal");
    expect((await serverState()).placements).toHaveLength(1);

    setMeta(facilitator.doc, "title", "Renamed by facilitator");
    await waitFor(() => readBoard(participant.doc).meta.title === "Renamed by facilitator", "facilitator meta write");
    const docs = [facilitator, participant, other].map((c) => readBoard(c.doc).meta);
    for (const m of docs) expect(m).toEqual(docs[0]);
  });

  it("applies nothing from participants while locked, and resumes after unlock", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await open(board.keys.participant);
    placeItem(participant.doc, { item: "rlhf", participant: "p1", col: 0.2, row: 0.2 }, grid());
    await waitFor(() => readBoard(facilitator.doc).placements.length === 1, "placement before lock");

    setMeta(facilitator.doc, "locked", true);
    await waitFor(() => readBoard(participant.doc).meta.locked, "lock reaches participant");

    placeItem(participant.doc, { item: "rlhf", participant: "p1", col: 2.5, row: 2.5 }, grid()); // move
    placeItem(participant.doc, { item: "scaling", participant: "p1", col: 1.5, row: 1.5 }, grid()); // new
    await waitFor(() => {
      const ps = readBoard(participant.doc).placements;
      return ps.length === 1 && ps[0]!.col === 0.2;
    }, "participant copy back in step after locked moves");
    unplaceItem(participant.doc, "rlhf", "p1"); // take back while locked
    await waitFor(() => readBoard(participant.doc).placements.length === 1, "locked take-back undone");
    const locked = await serverState();
    expect(locked.placements).toEqual([expect.objectContaining({ item: "rlhf", col: 0.2, row: 0.2 })]);
    expect(readBoard(facilitator.doc).placements).toEqual(locked.placements);

    setMeta(facilitator.doc, "locked", false);
    await waitFor(() => !readBoard(participant.doc).meta.locked, "unlock reaches participant");
    placeItem(participant.doc, { item: "scaling", participant: "p1", col: 1.5, row: 1.5 }, grid());
    placeItem(participant.doc, { item: "rlhf", participant: "p1", col: 2.5, row: 2.5 }, grid());
    await waitFor(() => readBoard(facilitator.doc).placements.length === 2, "writes after unlock");
    const after = await serverState();
    expect(after.placements.find((p) => p.item === "rlhf")).toMatchObject({ col: 2.5, row: 2.5 });
    expect(Y.encodeStateVector(participant.doc)).toEqual(Y.encodeStateVector(facilitator.doc));
  });

  it("refuses root types outside the board format", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await open(board.keys.participant);
    participant.doc.getMap("evil").set("x", 1);
    participant.doc.getArray("items-list").insert(0, [1]);
    await sleep(200);
    const room = await srv.server.rooms.withSettledRoom(board.id, (r) => r.doc);
    expect(room.share.has("evil")).toBe(false);
    expect(facilitator.doc.share.has("evil")).toBe(false);
    expect(participant.doc.getMap("evil").size).toBe(0);
    expect(srv.server.metrics.updatesRefused).toBeGreaterThanOrEqual(2);
  });
});
