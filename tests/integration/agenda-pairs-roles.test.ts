import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setMeta } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { CreatedBoard } from "../../lib/api/schemas";
import type { Pairs } from "../../lib/board/schema";
import { connect, createBoardVia, startServer, synced, waitFor, type Client, type TestServer } from "./harness";

let srv: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];
const open = async (key: string) => {
  const c = connect(srv.wsUrl, board.id, key);
  clients.push(c);
  await synced(c);
  return c;
};
const serverMeta = () => srv.server.rooms.withSettledRoom(board.id, (room) => readBoard(room.doc).meta);
const pairs = (members: string[]): Pairs => ({ round: 1, at: 1_000, groups: [{ members, items: ["rlhf"], disagreement: 1.5 }] });

beforeEach(async () => {
  srv = await startServer();
  board = await createBoardVia(srv.url, { title: "Agenda" });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

describe("the agenda and the pairs are the facilitator's", () => {
  it("refuses a participant's meta.discussed and meta.pairs, and applies the facilitator's", async () => {
    const facilitator = await open(board.keys.facilitator);
    const participant = await open(board.keys.participant);

    setMeta(participant.doc, "pairs", pairs(["me", "friend"]));
    setMeta(participant.doc, "discussed", ["rlhf"]);
    await waitFor(() => readBoard(participant.doc).meta.pairs === null, "participant's pairs taken back");
    await waitFor(() => readBoard(participant.doc).meta.discussed.length === 0, "participant's discussed taken back");
    expect(await serverMeta()).toMatchObject({ pairs: null, discussed: [] });
    expect(readBoard(facilitator.doc).meta).toMatchObject({ pairs: null, discussed: [] });

    setMeta(facilitator.doc, "pairs", pairs(["a", "b"]));
    setMeta(facilitator.doc, "discussed", ["rlhf", "scaling"]);
    await waitFor(() => readBoard(participant.doc).meta.discussed.length === 2, "facilitator's agenda reaches the participant");
    expect(await serverMeta()).toMatchObject({ pairs: pairs(["a", "b"]), discussed: ["rlhf", "scaling"] });
    expect(readBoard(participant.doc).meta.pairs).toEqual(pairs(["a", "b"]));
  });
});
