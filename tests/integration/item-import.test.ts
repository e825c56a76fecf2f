import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { AddedItemsSchema } from "../../lib/api/items";
import { ApiErrorSchema } from "../../lib/api/schemas";
import { addItem, editItem, moveItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { createServer } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { boardFixture, connect, createBoardVia, synced, tempDir, waitFor, type Client } from "./harness";
import { killHard, spawnServer, type ServerProcess } from "./process";
import { rawSocket, step1 } from "./raw-socket";
import { permissionDenials } from "./seats-helpers";
import { storeWithValve } from "./store-valve";

/*
 * Session prep over HTTP: the facilitator's list is checked line by line, added whole or not at
 * all, and what is added reaches connected people live and is stored before the answer.
 */

const fx = boardFixture();
const denied = permissionDenials();

const post = (body: unknown, key = fx.board.keys.facilitator, base = fx.srv.url, id = fx.board.id) =>
  fetch(`${base}/api/boards/${id}/items?key=${encodeURIComponent(key)}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const serverItems = () => fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => readBoard(room.doc).items);
const texts = (c: Client | Y.Doc) => readBoard(c instanceof Y.Doc ? c : c.doc).items.map((i) => i.text);

/** The alignment template's nine starter items, which every fixture board begins with. */
const STARTERS = 9;

const GOOD_LIST = "- Faster checkout\tAsked for by 12 customers\n\n2. SSO for admins — enterprise deals\n* Dark mode\nAudit log -- compliance";

describe("adding a list of items", () => {
  it("adds every item in the list's order, live to a connected participant, and answers with their ids", async () => {
    const watcher = await fx.seated("Ada");
    await synced(watcher);
    const res = await post({ text: GOOD_LIST, format: "lines" });
    expect(res.status).toBe(201);
    const added = AddedItemsSchema.parse(await res.json());
    expect(added.created.map((c) => [c.line, c.text])).toEqual([
      [1, "Faster checkout"],
      [3, "SSO for admins"],
      [4, "Dark mode"],
      [5, "Audit log"],
    ]);
    expect(added.skipped).toEqual([]);
    await waitFor(() => texts(watcher).length === STARTERS + 4, "the watcher to see the new items");
    const items = readBoard(watcher.doc).items.slice(STARTERS);
    expect(items.map((i) => i.id)).toEqual(added.created.map((c) => c.id));
    expect(items.map((i) => [i.text, i.note, i.createdBy])).toEqual([
      ["Faster checkout", "Asked for by 12 customers", "facilitator"],
      ["SSO for admins", "enterprise deals", "facilitator"],
      ["Dark mode", undefined, "facilitator"],
      ["Audit log", "compliance", "facilitator"],
    ]);
    expect((await serverItems()).map((i) => i.id)).toEqual(readBoard(watcher.doc).items.map((i) => i.id));
  });

  it("refuses a list with bad lines, naming each line and why, and adds none of its good lines", async () => {
    const watcher = await fx.seated("Ada");
    await synced(watcher);
    const res = await post({ text: `Good one\n- \nAnother good one\n${"x".repeat(201)}\nThird good one`, format: "lines" });
    expect(res.status).toBe(400);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error).toBe("2 lines cannot be added, so nothing was added");
    expect(body.lines).toEqual([
      { line: 2, message: "This line has no item text." },
      { line: 4, message: "The text is 201 characters; keep it to 200." },
    ]);
    expect(await serverItems()).toHaveLength(STARTERS);
    // A later good list reaches the watcher: had the refused one added anything, it would have come first.
    expect((await post({ text: "Later one" })).status).toBe(201);
    await waitFor(() => texts(watcher).includes("Later one"), "the later item");
    expect(texts(watcher).slice(STARTERS)).toEqual(["Later one"]);
  });

  it("refuses a CSV file with bad quoting or without a text column on the lines at fault", async () => {
    const bad = await post({ text: 'text,note\nFine,ok\n"Broken"quote,x\n', format: "csv" });
    expect(bad.status).toBe(400);
    expect(ApiErrorSchema.parse(await bad.json()).lines).toEqual([{ line: 3, message: 'Unexpected text after a closing quote: a quote inside a quoted field is written as "".' }]);
    const headless = await post({ text: "owner,description\nA,b", format: "csv" });
    expect(ApiErrorSchema.parse(await headless.json()).lines).toEqual([{ line: 1, message: 'The header row needs a "text" column (it has "owner", "description").' }]);
    const good = await post({ text: '\uFEFFNote,Text\r\n"with ""quotes""",From CSV\r\n', format: "csv" });
    expect(good.status).toBe(201);
    expect((await serverItems()).slice(STARTERS).map((i) => [i.text, i.note])).toEqual([["From CSV", 'with "quotes"']]);
  });

  it("points out duplicates of the board's items and of earlier lines, and leaves them out unless asked to add them", async () => {
    const res = await post({ text: "rlhf\nNew idea\n  new IDEA \nScaling" });
    expect(res.status).toBe(201);
    const added = AddedItemsSchema.parse(await res.json());
    expect(added.created.map((c) => c.text)).toEqual(["New idea"]);
    expect(added.skipped).toEqual([
      { line: 1, text: "rlhf", duplicateOf: "board" },
      { line: 3, text: "new IDEA", duplicateOf: 2 },
      { line: 4, text: "Scaling", duplicateOf: "board" },
    ]);
    const again = AddedItemsSchema.parse(await (await post({ text: "New idea\nRLHF", duplicates: "add" })).json());
    expect(again.created.map((c) => c.text)).toEqual(["New idea", "RLHF"]);
    expect(again.skipped).toEqual([]);
    expect((await serverItems()).map((i) => i.text).filter((t) => t.toLowerCase() === "new idea")).toHaveLength(2);
  });

  it("takes only the facilitator's key, and adds nothing for anyone else", async () => {
    const { participant, viewer } = fx.board.keys;
    for (const key of [participant, viewer]) {
      const res = await post({ text: "Sneaky" }, key);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: "this needs the facilitator key", path: "key" });
    }
    expect((await post({ text: "Sneaky" }, "wrong-key-wrong-key-wrong")).status).toBe(403);
    expect((await fetch(`${fx.srv.url}/api/boards/${fx.board.id}/items`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await post({ text: "Sneaky" }, fx.board.keys.facilitator, fx.srv.url, "no-such-board-here")).status).toBe(404);
    expect(await serverItems()).toHaveLength(STARTERS);
  });

  it("refuses bodies that are not a list: too long, the wrong shape, no items, or past the import limit", async () => {
    expect((await post({ text: "x".repeat(600_001) })).status).toBe(400);
    expect(await (await post({ text: "A", format: "xlsx" })).json()).toMatchObject({ path: "format" });
    expect((await post({ text: "A", extra: true })).status).toBe(400);
    expect(await (await post({ text: "\n  \n" })).json()).toMatchObject({ error: "the list holds no items", lines: [] });
    const many = Array.from({ length: 201 }, (_, i) => `Item ${i + 1}`).join("\n");
    expect(ApiErrorSchema.parse(await (await post({ text: many })).json()).lines).toEqual([
      { line: 201, message: "One import adds at most 200 items; this is item 201. Add the rest in a second import." },
    ]);
    expect(await serverItems()).toHaveLength(STARTERS);
  });
});

describe("the facilitator's order and a participant's own items", () => {
  it("puts a list after every item already on the board, even one stamped a moment ahead of the server's clock", async () => {
    const facilitator = fx.connect(fx.board.keys.facilitator);
    await synced(facilitator);
    // A starter item of a board made a few milliseconds ago is stamped that far ahead; a minute makes it certain.
    addItem(facilitator.doc, { id: "i-ahead", text: "Stamped ahead", createdBy: "facilitator", createdAt: Date.now() + 60_000 });
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 1, "the item on the server");
    expect((await post({ text: "First\nSecond" })).status).toBe(201);
    await waitFor(() => texts(facilitator).includes("Second"), "the list");
    expect(texts(facilitator).slice(-3)).toEqual(["Stamped ahead", "First", "Second"]);
  });

  it("lets the facilitator reorder any item, a participant still add their own, and refuses a participant's edit of an imported item", async () => {
    expect((await post({ text: "First\nSecond" })).status).toBe(201);
    const facilitator = fx.connect(fx.board.keys.facilitator);
    const ada = await fx.seated("Ada");
    await Promise.all([synced(facilitator), synced(ada)]);
    await waitFor(() => texts(facilitator).includes("Second") && texts(ada).includes("Second"), "the imported items");
    const second = readBoard(facilitator.doc).items.find((i) => i.text === "Second")!;
    expect(moveItem(facilitator.doc, second.id, -1)).toBe(true);
    await waitFor(() => texts(ada).at(-2) === "Second", "the reorder to reach Ada");
    expect(texts(ada).slice(-2)).toEqual(["Second", "First"]);
    expect((await serverItems()).map((i) => i.text).slice(-2)).toEqual(["Second", "First"]);

    // Ada adds her own item, which lands; then tries to rename the facilitator's, which does not.
    addItem(ada.doc, { id: "i-ada-own", text: "Ada's idea", createdBy: ada.participant, createdAt: Date.now() });
    await waitFor(() => texts(facilitator).includes("Ada's idea"), "Ada's own item to reach the facilitator");
    editItem(ada.doc, second.id, { text: "Renamed by Ada" });
    await waitFor(() => denied.length > 0, "the refusal of Ada's rename");
    const onServer = await serverItems();
    expect(onServer.find((i) => i.id === second.id)?.text).toBe("Second");
    expect(onServer.at(-1)).toMatchObject({ id: "i-ada-own", createdBy: ada.participant });
    expect(onServer.at(-1)?.order).toBeUndefined();
    await waitFor(() => readBoard(ada.doc).items.find((i) => i.id === second.id)?.text === "Second", "Ada's copy put back");
  });
});

describe("an import is durable", () => {
  let proc: ServerProcess | null = null;
  afterEach(async () => {
    if (proc) await killHard(proc);
    proc = null;
  });

  it("is stored before the answer: a SIGKILL right after the 201 loses none of it", async () => {
    const dir = tempDir();
    proc = await spawnServer(dir);
    const board = await createBoardVia(proc.url, { template: "blank" });
    const res = await post({ text: GOOD_LIST }, board.keys.facilitator, proc.url, board.id);
    expect(res.status).toBe(201);
    const added = AddedItemsSchema.parse(await res.json());
    await killHard(proc);
    proc = await spawnServer(dir);
    const reader = connect(proc.wsUrl, board.id, board.keys.viewer);
    try {
      await synced(reader);
      await waitFor(() => texts(reader).length === 4, "the stored items after the restart");
      expect(readBoard(reader.doc).items.map((i) => i.id)).toEqual(added.created.map((c) => c.id));
    } finally {
      reader.destroy();
    }
  });

  it("answers, and sends the items to anyone, only once the store has made them durable", async () => {
    const valve = storeWithValve(openSqliteStore({ dir: tempDir() }));
    const server = createServer({ store: valve.store, logger: silentLogger });
    const { port } = await server.listen(0, "127.0.0.1");
    const url = `http://127.0.0.1:${port}`;
    try {
      const board = await createBoardVia(url);
      const viewer = await rawSocket(`ws://127.0.0.1:${port}`, board.id, board.keys.viewer);
      viewer.send(step1());
      await waitFor(() => texts(viewer.received()).length === STARTERS, "the viewer has the board");

      const waiting = valve.hold();
      let answered = false;
      const response = post({ text: GOOD_LIST }, board.keys.facilitator, url, board.id).then((res) => {
        answered = true;
        return res;
      });
      // The import waits inside the store. Anything sent before it began writing has arrived after a round trip.
      await waiting;
      await viewer.roundTrip();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(answered).toBe(false);
      expect(texts(viewer.received())).toHaveLength(STARTERS);

      valve.release();
      expect((await response).status).toBe(201);
      await waitFor(() => texts(viewer.received()).length === STARTERS + 4, "the viewer gets the items once they are durable");
      viewer.ws.close();
    } finally {
      valve.release();
      await server.close();
    }
  });
});
