import { takeSeatOverHttp } from "../seat-over-http";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreateBoardBody, CreatedBoard } from "../../lib/api/schemas";
import type { Seat } from "../../lib/api/seats";
import { addItem, joinParticipant, placeItem, setMeta } from "../../lib/board/commands";
import { readBoard, roots } from "../../lib/board/doc";
import type { Meta } from "../../lib/board/schema";
import { readQrPng } from "../qr-reader";

export async function createBoard(request: APIRequestContext, body: CreateBoardBody = {}): Promise<CreatedBoard> {
  const res = await request.post("/api/boards", { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as CreatedBoard;
}

/** Fails on WCAG 2 A/AA violations that axe rates serious or critical, listing each with its nodes. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(serious, serious.join("\n")).toEqual([]);
}

/**
 * The text of a QR code on the page, read the right way round from a screenshot of it. A page that
 * was just resized (a presenter window moved to the projector) or that just received its join code
 * lays out again, and can move the code between Playwright measuring it and taking the picture; a
 * code that never reads fails.
 */
export async function readQrOnPage(qr: Locator): Promise<string> {
  let text = "";
  await expect
    .poll(
      async () => {
        try {
          text = readQrPng(await qr.screenshot());
          return "read";
        } catch (error) {
          return `unreadable: ${String(error)}`;
        }
      },
      { message: "the QR code reads the right way round" },
    )
    .toBe("read");
  return text;
}

export const boardIdOf = (page: Page): string => new URL(page.url()).pathname.split("/")[2] ?? "";

/** A y-websocket client in Node, synced before it is handed back. */
async function syncedClient(baseURL: string, boardId: string, params: Record<string, string>) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(baseURL.replace(/^http/, "ws") + "/sync", boardId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await expect.poll(() => provider.synced, { message: "client syncs" }).toBe(true);
  return { doc, provider };
}

/**
 * Takes a seat on a board through the API (contract v2, "Seats"), as a page joining does. With the
 * facilitator's key a seat may claim any id nobody has a seat for.
 */
export async function takeSeatFor(baseURL: string, board: CreatedBoard, name: string, key = board.keys.participant, participant?: string): Promise<Seat> {
  return takeSeatOverHttp(baseURL, board.id, key, participant ? { name, participant } : { name });
}

/** The seats the clients below were given, by board and the id the test names: one person, one seat. */
const seatsGiven = new Map<string, Seat>();

/**
 * A second participant outside the browser: a stock y-websocket client in
 * Node writing through lib/board, as a bot or another device would.
 *
 * With the participant key, each person it writes for takes a seat first (the server applies a
 * participant's writes only with one, and only to what is theirs), under the id the test names
 * (`idOf` says which id the server gave). Writes go out once the seat is there; `settled()` waits
 * for them. With the facilitator's key it writes anything at once.
 */
export async function connectParticipant(baseURL: string, board: CreatedBoard, role: "participant" | "facilitator" = "participant") {
  const { doc, provider } = await syncedClient(baseURL, board.id, { key: board.keys[role] });
  /** Each person this client writes for, by the id the test uses: their seat's id and connection. */
  const people = new Map<string, Promise<{ id: string; doc: Y.Doc }>>();
  const seated: Array<{ provider: WebsocketProvider; doc: Y.Doc }> = [];
  const ids = new Map<string, string>();
  let pending: Promise<unknown> = Promise.resolve();
  const personFor = (testId: string, name: string) => {
    let person = people.get(testId);
    if (!person) {
      // The seat is given out with the facilitator's key, so it can claim the id the test names; the person
      // then writes through their own participant connection, with that seat, as a joined page does.
      // A later client for the same person (another round) takes up the seat already given out.
      const known = seatsGiven.get(`${board.id}:${testId}`);
      const seating = known ? Promise.resolve(known) : takeSeatFor(baseURL, board, name, board.keys.facilitator, testId);
      person = seating.then(async ({ participant, seat }) => {
        seatsGiven.set(`${board.id}:${testId}`, { participant, seat });
        const client = await syncedClient(baseURL, board.id, { key: board.keys.participant, seat });
        seated.push(client);
        ids.set(testId, participant.id);
        return { id: participant.id, doc: client.doc };
      });
      people.set(testId, person);
    }
    return person;
  };
  /** Writes as a person: at once with the facilitator's key, through their seat with the participant key. */
  const asPerson = (testId: string, name: string, write: (doc: Y.Doc, id: string) => void) => {
    if (role === "facilitator") return write(doc, testId);
    const done = personFor(testId, name).then(({ id, doc: theirs }) => write(theirs, id));
    pending = Promise.all([pending, done]);
  };
  return {
    join(id: string, name: string, color: string, joinedAt = Date.now()) {
      // The server writes the entry with the seat; the person then takes the colour the test asked for.
      asPerson(id, name, (d, own) => joinParticipant(d, { id: own, name, color, joinedAt }));
    },
    place(item: string, participant: string, col: number, row: number, reason?: string) {
      asPerson(participant, participant, (d, own) =>
        placeItem(d, { item, participant: own, col, row, ...(reason === undefined ? {} : { reason }) }, readBoard(d).meta.grid),
      );
    },
    addItem(id: string, text: string, createdBy = "p-bot") {
      asPerson(createdBy, createdBy, (d, own) => addItem(d, { id, text, createdBy: own, createdAt: Date.now() }));
    },
    /** The id the server gave the person this test calls `testId` (the same id with the facilitator's key). */
    idOf: (testId: string) => (role === "facilitator" ? testId : (ids.get(testId) ?? testId)),
    /** Waits until every write asked for so far has been made. */
    settled: () => pending.then(() => undefined),
    /** The board as this client has it now. */
    board: () => readBoard(doc),
    /** Only takes effect with the facilitator's key; the server refuses it from anyone else. */
    lock(locked: boolean) {
      setMeta(doc, "locked", locked);
    },
    /** Writes a meta value as it is, unchecked: what a newer version of Cruxboard might store. Facilitator's key only. */
    writeRawMeta(field: string, value: unknown) {
      doc.transact(() => roots(doc).meta.set(field, value));
    },
    /** How many participant entries the document holds, read or not. */
    storedParticipants: () => roots(doc).participants.size,
    /** Facilitator's key only, as lock. Times (the timer's) are the server's clock: this machine's, in tests. */
    setMeta<K extends keyof Meta>(field: K, value: Meta[K]) {
      setMeta(doc, field, value);
    },
    close() {
      for (const client of seated) {
        client.provider.destroy();
        client.doc.destroy();
      }
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * A person on another device: a fresh browser context with a remembered name.
 * On a participant link that name joins at once; on the facilitator's link it
 * does not (the facilitator runs the board; see placeToo). Close the context when done.
 */
export async function openAs(
  browser: Browser,
  link: string,
  name: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; participantId(): Promise<string> }> {
  const context = await browser.newContext(options);
  await context.addInitScript((n) => localStorage.setItem("cruxboard:name", n), name);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { name: "Here now" })).toBeVisible();
  return {
    context,
    page,
    participantId: async () => {
      await expect.poll(() => participantIdIn(page), { message: "the page has taken its seat" }).not.toBe("");
      return participantIdIn(page);
    },
  };
}

/**
 * This device's participant id on the board a page has open: a participant's from the seat it took
 * (contract v2), a facilitator's its own device id; "" while it has neither.
 */
export const participantIdIn = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const board = window.location.pathname.split("/")[2] ?? "";
    const seat = localStorage.getItem(`cruxboard:seat:${board}`);
    if (seat) return (JSON.parse(seat) as { participant: string }).participant;
    return localStorage.getItem(`cruxboard:participant:${board}`) ?? "";
  });

/**
 * The facilitator chooses to place too: "I’m placing too", then the name the
 * page asks for (the device's remembered one is offered), and their tray appears.
 */
export async function placeToo(page: Page, name?: string): Promise<void> {
  await page.getByRole("button", { name: "I’m placing too" }).click();
  if (name !== undefined) await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Start placing" }).click();
  await expect(page.getByRole("region", { name: "Your notes to place" })).toBeVisible();
}

/** What the connection status says while offline on a page that keeps a copy of its board on the device. */
export const OFFLINE_KEPT_HERE = "Offline — reconnecting Changes kept on this device, sent when back online";
