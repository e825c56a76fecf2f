import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pictureFileName } from "../../components/snapshots/board-picture";
import { placeItem, setReason, startRound } from "../../lib/board/commands";
import { readBoard, roots } from "../../lib/board/doc";
import { placementKey } from "../../lib/board/schema";
import { downloadName } from "../../lib/snapshot/file-name";
import { SnapshotSchema } from "../../lib/snapshot/schema";
import { connect, createBoardVia, synced, waitFor, type Client, type TestServer, startServer } from "./harness";
import { seatedClient, type SeatedClient } from "./seats-helpers";

let srv: TestServer;
const clients: Client[] = [];
beforeEach(async () => {
  srv = await startServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv.close();
});

const get = (path: string) => fetch(`${srv.url}${path}`);
const fileNameOf = (res: Response) => /^attachment; filename="([^"]+)"$/.exec(res.headers.get("content-disposition") ?? "")?.[1];

async function connected(id: string, key: string): Promise<Client> {
  const client = connect(srv.wsUrl, id, key);
  clients.push(client);
  await synced(client);
  return client;
}

/** A person who took a seat on the board under `name`, connected with it. */
async function seatedAs(board: Parameters<typeof seatedClient>[2], name: string): Promise<SeatedClient> {
  const client = await seatedClient(srv.url, srv.wsUrl, board, name);
  clients.push(client);
  await synced(client);
  return client;
}

describe("download names", () => {
  it("cut a long, accented title at a word and match the names of the pictures the browser saves", async () => {
    const title = "Café reading group: Defining alignment research and its discontents";
    const board = await createBoardVia(srv.url, { title });
    const snapshot = SnapshotSchema.parse(await (await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json());
    const day = snapshot.exportedAt.slice(0, 10);
    const stem = `cafe-reading-group-defining-alignment-research-and-its-${day}`;
    for (const [format, name] of [
      ["json", `${stem}.json`],
      ["csv", `${stem}.csv`],
      ["stats-csv", `${stem}-stats.csv`],
      ["md", `${stem}.md`],
      ["svg", `${stem}.svg`],
    ]) {
      const res = await get(`/api/boards/${board.id}/export?format=${format}&key=${board.keys.viewer}`);
      expect(res.status).toBe(200);
      expect(fileNameOf(res), format).toBe(name);
    }
    // The browser's picture of the same board, made from the same snapshot, carries the same stem.
    expect(pictureFileName(snapshot, "png")).toBe(`${stem}.png`);

    const taken = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Before the long and winding coffee break" }),
    });
    const { id: sid, takenAt } = (await taken.json()) as { id: string; takenAt: string };
    const res = await get(`/api/boards/${board.id}/snapshots/${sid}?format=csv&key=${board.keys.participant}`);
    const expected = downloadName({ title, name: "Before the long and winding coffee break", takenAt, extension: "csv" });
    expect(expected).toBe(`cafe-reading-group-defining-alignment-before-the-long-and-winding-coffee-break-${takenAt.slice(0, 10)}.csv`);
    expect(fileNameOf(res)).toBe(expected);
  });
});

describe("the Markdown report from the server", () => {
  it("gives the round and each item's change since the round before, from the snapshot “New round” saved", async () => {
    const board = await createBoardVia(srv.url, { title: "Reading group" });
    const host = await connected(board.id, board.keys.facilitator);
    const grid = readBoard(host.doc).meta.grid;
    const place = (participant: string, col: number, row: number) => placeItem(host.doc, { item: "rlhf", participant, col, row }, grid);
    place("ann", 0.5, 0.5);
    place("bob", 2.5, 2.5);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 2, "placements on the server");
    const saveRound = async (name: string) => {
      const res = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    // What the facilitator's "New round" does: save the round by name, then count up.
    const round1 = await saveRound("Round 1");
    startRound(host.doc, 2, true);
    place("bob", 1.5, 1.5);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 4, "round 2 on the server");

    const md = await (await get(`/api/boards/${board.id}/export?format=md&key=${board.keys.participant}`)).text();
    expect(md).toMatch(/^Round: 2\s*$/m);
    expect(md).toMatch(/^Exported: \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC\s*$/m);
    expect(md).toContain("| # | Item | n | Spread | Shape | Since round 1 | Common cell | Scatter | Diagonal |");
    expect(md).toMatch(/^\| 1 \| RLHF \| 2 \| 0\.71 \| scattered \| 1\.41 → 0\.71, closer together \| no common cell \|/m);
    expect(md).toContain("Spread since round 1: 1.41 → 0.71, closer together.");
    // The alignment template's items come with descriptions.
    expect(md.slice(md.indexOf("### RLHF")).split("\n")[2]).toMatch(/^> \S/);

    // Round 1's own snapshot is the first round.
    const first = await (await get(`/api/boards/${board.id}/snapshots/${round1}?format=md&key=${board.keys.viewer}`)).text();
    expect(first).toMatch(/^Round: 1\s*$/m);
    expect(first).toContain("This is the first round");

    // A snapshot of round 2 compares with round 1 even once later snapshots exist.
    const round2 = await saveRound("Round 2");
    startRound(host.doc, 3, true);
    place("ann", 1.5, 1.5);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 6, "round 3 on the server");
    const second = await (await get(`/api/boards/${board.id}/snapshots/${round2}?format=md&key=${board.keys.viewer}`)).text();
    expect(second).toContain("Spread since round 1: 1.41 → 0.71, closer together.");
    const now = await (await get(`/api/boards/${board.id}/export?format=md&key=${board.keys.viewer}`)).text();
    expect(now).toContain("Spread since round 2: 0.71 → 0.00, closer together.");
  });

  it("prints the statistics CSV with three decimals", async () => {
    const board = await createBoardVia(srv.url, { title: "Reading group" });
    const host = await connected(board.id, board.keys.facilitator);
    const grid = readBoard(host.doc).meta.grid;
    placeItem(host.doc, { item: "rlhf", participant: "ann", col: 0.5, row: 0.5 }, grid);
    placeItem(host.doc, { item: "rlhf", participant: "bob", col: 2.5, row: 2.5 }, grid);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 2, "placements on the server");
    const csv = await (await get(`/api/boards/${board.id}/export?format=stats-csv&key=${board.keys.viewer}`)).text();
    expect(csv.split("\r\n")[1]).toBe("1,rlhf,RLHF,2,1.500,1.500,1.414,1.000,1.000,0.500,0.315,0.500,Engineering / Average-case,,diffuse,,,,,,,,,0.500");
  });

  it("answers a board of a newer format with why, not with a file", async () => {
    const board = await createBoardVia(srv.url, { title: "From the future" });
    const host = await connected(board.id, board.keys.facilitator);
    host.doc.getMap("meta").set("format", 2);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 1, "format on the server");
    const message = "This board was made by a newer version of Cruxboard (format 2); this version reads format 1.";
    for (const format of ["json", "csv", "md", "svg"]) {
      const res = await get(`/api/boards/${board.id}/export?format=${format}&key=${board.keys.viewer}`);
      expect(res.status, format).toBe(409);
      expect(await res.json()).toEqual({ error: message });
    }
    const history = await get(`/api/boards/${board.id}/history?key=${board.keys.viewer}`);
    expect(history.status).toBe(409);
    expect(await history.json()).toEqual({ error: message });
    const snapshot = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(snapshot.status).toBe(409);
    expect(await (await get(`/api/boards/${board.id}/snapshots?key=${board.keys.viewer}`)).json()).toEqual([]);

    // The same board in the current format exports again.
    host.doc.getMap("meta").set("format", 1);
    await waitFor(() => srv.server.metrics.updatesAccepted >= 2, "format back on the server");
    expect((await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).status).toBe(200);
  });
});

describe("crux statistics and reasons from the server", () => {
  it("the JSON export, a named snapshot and the CSVs carry split, camps, shape and reasons; a bad reason is skipped", async () => {
    const board = await createBoardVia(srv.url, { title: "Cruxes" });
    // Each person writes their own placement and reason over their own participant connection, as browsers do.
    const people = ["ann", "bob", "cyd", "dee", "eve"];
    const spots: Array<[number, number]> = [
      [0.4, 0.5],
      [0.6, 0.4],
      [0.5, 0.6],
      [2.5, 2.4],
      [2.4, 2.6],
    ];
    const sockets = await Promise.all(people.map((name) => seatedAs(board, name)));
    const idOf = (name: string) => sockets[people.indexOf(name)]!.participant;
    const nameOf = (id: string) => people[sockets.findIndex((c) => c.participant === id)];
    const grid = readBoard(sockets[0]!.doc).meta.grid;
    sockets.forEach((c, i) => placeItem(c.doc, { item: "rlhf", participant: c.participant, col: spots[i]![0], row: spots[i]![1] }, grid));
    setReason(sockets[0]!.doc, "rlhf", idOf("ann"), "Capabilities work with a safety label");
    setReason(sockets[3]!.doc, "rlhf", idOf("dee"), "The worst case in miniature");
    // A hand-made placement with a reason past the limit: readers skip it like any invalid entry.
    const eve = idOf("eve");
    roots(sockets[4]!.doc).placements.set(placementKey("rlhf", eve), { item: "rlhf", participant: eve, col: 2.4, row: 2.6, at: Date.now(), reason: "z".repeat(281) });

    const exported = async () => SnapshotSchema.parse(await (await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json());
    let snap = await exported();
    const complete = () => {
      const item = snap.items.find((i) => i.id === "rlhf")!;
      return item.placements.length === 4 && item.placements.filter((p) => p.reason).length === 2 && srv.server.metrics.updatesAccepted >= 8;
    };
    for (let tries = 0; !complete(); tries++) {
      if (tries > 100) throw new Error("placements and reasons did not reach the export");
      await new Promise((r) => setTimeout(r, 50));
      snap = await exported();
    }
    const rlhf = snap.items.find((i) => i.id === "rlhf")!;
    expect(rlhf.stats).toMatchObject({ n: 4, shape: "diffuse" });
    expect(rlhf.stats!.split).toBeGreaterThan(0.9);
    // Four valid placements: three together, one apart — too small a camp for "split", so scattered.
    expect(rlhf.stats!.camps!.map((c) => c.participants.map(nameOf).sort())).toEqual([["ann", "bob", "cyd"], ["dee"]]);
    expect(rlhf.placements.map((p) => p.participant)).not.toContain(eve);

    const taken = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Camps" }),
    });
    const { id: sid } = (await taken.json()) as { id: string };
    const saved = SnapshotSchema.parse(await (await get(`/api/boards/${board.id}/snapshots/${sid}?format=json&key=${board.keys.participant}`)).json());
    const savedRlhf = saved.items.find((i) => i.id === "rlhf")!;
    expect(savedRlhf.stats!.split).toBeCloseTo(rlhf.stats!.split!, 12);
    expect(savedRlhf.placements.find((p) => p.participant === idOf("dee"))!.reason).toBe("The worst case in miniature");

    const csv = await (await get(`/api/boards/${board.id}/export?format=csv&key=${board.keys.viewer}`)).text();
    expect(csv.split("\r\n")[0]).toMatch(/,reason$/);
    expect(csv).toContain(",Capabilities work with a safety label\r\n");
    const stats = await (await get(`/api/boards/${board.id}/export?format=stats-csv&key=${board.keys.viewer}`)).text();
    expect(stats.split("\r\n")[0]).toContain(",split,shape,camp1_size,");
    const md = await (await get(`/api/boards/${board.id}/export?format=md&key=${board.keys.viewer}`)).text();
    expect(md).toContain("#### Reasons");
    expect(md.slice(md.indexOf("#### Reasons"))).toMatch(/^- .+: The worst case in miniature$/m);
  });
});

describe("the overview picture from the server", () => {
  it("draws one small grid per item, most contested first, for the board and for its snapshots, named like the browser's", async () => {
    const board = await createBoardVia(srv.url, { title: "Overview board" });
    const host = await connected(board.id, board.keys.facilitator);
    const grid = readBoard(host.doc).meta.grid;
    // RLHF: two camps of three and two; Scaling: agreed.
    const spots: Array<[string, string, number, number]> = [
      ["rlhf", "ann", 0.4, 0.4],
      ["rlhf", "bob", 0.5, 0.5],
      ["rlhf", "cy", 0.6, 0.4],
      ["rlhf", "di", 2.5, 2.5],
      ["rlhf", "ed", 2.6, 2.6],
      ["scaling", "ann", 0.5, 0.5],
      ["scaling", "bob", 0.6, 0.5],
    ];
    for (const [item, participant, col, row] of spots) placeItem(host.doc, { item, participant, col, row }, grid);
    await waitFor(() => srv.server.metrics.updatesAccepted >= spots.length, "placements on the server");

    const res = await get(`/api/boards/${board.id}/export?format=svg&view=overview&key=${board.keys.viewer}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const snapshot = SnapshotSchema.parse(await (await get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json());
    expect(fileNameOf(res)).toBe(pictureFileName(snapshot, "svg", undefined, "overview"));
    expect(fileNameOf(res)).toMatch(/-overview\.svg$/);
    const svg = await res.text();
    const tiles = [...svg.matchAll(/<g class="overview-tile" data-item="([^"]+)" data-shape="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(tiles).toHaveLength(9);
    expect(tiles.slice(0, 2)).toEqual(["rlhf:split", "scaling:agreed"]);
    expect(svg.match(/class="camp"/g)).toHaveLength(2);

    // The board picture is still the default.
    const plain = await (await get(`/api/boards/${board.id}/export?format=svg&key=${board.keys.viewer}`)).text();
    expect(plain).not.toContain("overview-tile");

    const taken = await fetch(`${srv.url}/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Round 1" }),
    });
    const { id: sid } = (await taken.json()) as { id: string };
    const fromSnapshot = await get(`/api/boards/${board.id}/snapshots/${sid}?format=svg&view=overview&key=${board.keys.participant}`);
    expect(fromSnapshot.status).toBe(200);
    expect(fileNameOf(fromSnapshot)).toMatch(/^overview-board-round-1-\d{4}-\d{2}-\d{2}-overview\.svg$/);
    expect(await fromSnapshot.text()).toContain("Snapshot: Round 1");
  });

  it("refuses a view that is no picture's, or one given with a format that is not a picture", async () => {
    const board = await createBoardVia(srv.url, { title: "Overview board" });
    for (const query of ["format=csv&view=overview", "format=json&view=overview", "format=svg&view=wall"]) {
      const res = await get(`/api/boards/${board.id}/export?${query}&key=${board.keys.viewer}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { path?: string }).path, query).toBe("view");
    }
    expect((await get(`/api/boards/${board.id}/export?format=csv&view=grid&key=${board.keys.viewer}`)).status).toBe(200);
  });
});
