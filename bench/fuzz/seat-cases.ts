/*
 * The hostile cases seats add to a fuzzing campaign, each sent once and checked exactly: a seated
 * connection writing another person's placement, item or entry; a made-up seat; another board's
 * seat. Each write is made on a copy of the server's board, so it is a well-formed update that only
 * ownership can refuse. The server must refuse it whole, say so to the writer (y-protocols'
 * permission denied), and leave the entry it aimed at as it was.
 */
import { takeSeatOverHttp } from "../../tests/seat-over-http";
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import WebSocket from "ws";
import * as Y from "yjs";
import type { Seat } from "../../lib/api/seats";
import type { CreatedBoard } from "../../lib/api/schemas";
import { ROOT_NAMES } from "../../lib/board/schema";
import { encodeSyncUpdate } from "../../server/sync/protocol";

/** y-protocols' auth message, whose only kind is "permission denied". */
const MESSAGE_AUTH = 2;
const DENIAL_WAIT_MS = 5000;

type RootName = (typeof ROOT_NAMES)[number];

/** Takes a seat with the participant link, as a person joining does. */
export async function takeSeat(url: string, board: CreatedBoard, name: string): Promise<Seat> {
  return takeSeatOverHttp(url, board.id, board.keys.participant, { name });
}

/** What a case writes: the entry it aims at, and the write, made on a copy of the board. */
interface SeatCase {
  name: string;
  seat: string;
  root: RootName;
  key: string;
  write(doc: Y.Doc): void;
}

export interface SeatCaseContext {
  url: string;
  wsUrl: string;
  board: CreatedBoard;
  /** The server's board, settled. */
  serverDoc(): Promise<Y.Doc>;
  /** A person the hostile writes aim at (an honest client's participant id). */
  victim: string;
}

/** Sends `update` on a participant connection with `seat`; resolves whether permission was denied, or "upgrade refused". */
async function sendWithSeat(ctx: SeatCaseContext, seat: string, update: Uint8Array): Promise<boolean | "upgrade refused"> {
  const ws = new WebSocket(`${ctx.wsUrl}/sync/${ctx.board.id}?key=${encodeURIComponent(ctx.board.keys.participant)}&seat=${encodeURIComponent(seat)}`);
  ws.binaryType = "nodebuffer";
  let denied = false;
  let wake: () => void = () => undefined;
  ws.on("message", (data: Buffer) => {
    if (data.byteLength > 0 && data[0] === MESSAGE_AUTH) {
      denied = true;
      wake();
    }
  });
  ws.on("error", () => undefined);
  const opened = await new Promise<boolean>((resolve) => {
    ws.once("open", () => resolve(true));
    ws.once("unexpected-response", () => resolve(false));
    ws.once("close", () => resolve(false));
  });
  if (!opened) return "upgrade refused";
  try {
    ws.send(encodeSyncUpdate(update));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DENIAL_WAIT_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (denied) wake();
    });
    return denied;
  } finally {
    ws.terminate();
  }
}

/** Runs one case; returns the problem it shows, if any. */
async function runCase(ctx: SeatCaseContext, c: SeatCase): Promise<string | null> {
  const board = await ctx.serverDoc();
  const before = board.getMap(c.root).toJSON()[c.key] as unknown;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(board));
  const vector = Y.encodeStateVector(copy);
  c.write(copy);
  const update = Y.encodeStateAsUpdate(copy, vector);
  copy.destroy();
  const denied = await sendWithSeat(ctx, c.seat, update);
  const after = (await ctx.serverDoc()).getMap(c.root).toJSON()[c.key] as unknown;
  if (!isDeepStrictEqual(before, after)) return `${c.name}: the server applied it (${c.root}.${c.key} is now ${JSON.stringify(after)?.slice(0, 200)})`;
  if (denied === false) return `${c.name}: refused without telling the writer (no permission-denied message within ${DENIAL_WAIT_MS / 1000} s)`;
  return null;
}

/** Every seat case; returns how many ran and the problems they showed. */
export async function runSeatCases(ctx: SeatCaseContext): Promise<{ cases: number; problems: string[] }> {
  const mine = await takeSeat(ctx.url, ctx.board, "Seat case writer");
  const own = mine.participant.id;
  const board = await ctx.serverDoc();
  const items = board.getMap<{ createdBy?: unknown }>("items");
  const itemIds = [...items.keys()];
  const someItem = itemIds[0] ?? "no-item";
  const theirItem = itemIds.find((id) => items.get(id)?.createdBy === ctx.victim) ?? someItem;
  const theirPlacement = [...board.getMap("placements").keys()].find((k) => k.endsWith(`:${ctx.victim}`));
  const placement = (item: string, participant: string) => ({ item, participant, col: 0.5, row: 0.5, at: 1 });

  const otherBoard = await createBoard(ctx.url);
  const elsewhere = await takeSeat(ctx.url, otherBoard, "Seated elsewhere");
  const madeUp = randomBytes(18).toString("base64url");

  const cases: SeatCase[] = [
    {
      name: "a seated connection placing another person's note",
      seat: mine.seat,
      root: "placements",
      key: `${someItem}:${ctx.victim}`,
      write: (doc) => doc.getMap("placements").set(`${someItem}:${ctx.victim}`, placement(someItem, ctx.victim)),
    },
    {
      name: "a seated connection writing its own placement key naming another person",
      seat: mine.seat,
      root: "placements",
      key: `${someItem}:${own}`,
      write: (doc) => doc.getMap("placements").set(`${someItem}:${own}`, placement(someItem, ctx.victim)),
    },
    {
      name: "a seated connection editing another person's item",
      seat: mine.seat,
      root: "items",
      key: theirItem,
      write: (doc) => doc.getMap("items").set(theirItem, { ...(items.get(theirItem) ?? {}), id: theirItem, text: "taken over" }),
    },
    {
      name: "a seated connection creating an item in another person's name",
      seat: mine.seat,
      root: "items",
      key: "seat-case-item",
      write: (doc) => doc.getMap("items").set("seat-case-item", { id: "seat-case-item", text: "not mine", createdBy: ctx.victim, createdAt: 1 }),
    },
    {
      name: "a seated connection changing another person's entry",
      seat: mine.seat,
      root: "participants",
      key: ctx.victim,
      write: (doc) => doc.getMap("participants").set(ctx.victim, { id: ctx.victim, name: "Impostor", color: "#000000", joinedAt: 1 }),
    },
    {
      name: "a connection with a made-up seat placing a note",
      seat: madeUp,
      root: "placements",
      key: `${someItem}:${own}`,
      write: (doc) => doc.getMap("placements").set(`${someItem}:${own}`, placement(someItem, own)),
    },
    {
      name: "a connection with another board's seat placing that person's note",
      seat: elsewhere.seat,
      root: "placements",
      key: `${someItem}:${elsewhere.participant.id}`,
      write: (doc) => doc.getMap("placements").set(`${someItem}:${elsewhere.participant.id}`, placement(someItem, elsewhere.participant.id)),
    },
  ];
  if (theirPlacement !== undefined) {
    cases.push({
      name: "a seated connection taking back another person's note",
      seat: mine.seat,
      root: "placements",
      key: theirPlacement,
      write: (doc) => doc.getMap("placements").delete(theirPlacement),
    });
  }
  const problems: string[] = [];
  for (const c of cases) {
    const problem = await runCase(ctx, c);
    if (problem) problems.push(problem);
  }
  // The control: the same connection writing what is its own is applied, so the refusals above were about ownership.
  const ownKey = `${someItem}:${own}`;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(await ctx.serverDoc()));
  const vector = Y.encodeStateVector(copy);
  copy.getMap("placements").set(ownKey, placement(someItem, own));
  const denied = await sendWithSeat(ctx, mine.seat, Y.encodeStateAsUpdate(copy, vector));
  copy.destroy();
  const stored = (await ctx.serverDoc()).getMap("placements").get(ownKey);
  if (denied !== false || !isDeepStrictEqual(stored, placement(someItem, own))) {
    problems.push(`a seated connection's own placement was not applied (${denied === true ? "permission denied" : String(denied)})`);
  }
  return { cases: cases.length, problems };
}

async function createBoard(url: string): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (res.status !== 201) throw new Error(`creating a board failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}
