import type { Grid } from "../../lib/board/schema";
import { placeItem } from "../../lib/board/commands";
import { sleep, type Clock } from "../lib/clock";
import { allSlots, clamp, slotKey, slotPoint, type BotCrowd, type Slot } from "./board";
import type { BoardPage } from "./pages";
import type { PaintObservation } from "./probe";
import { distribution, makeRandom, type Distribution } from "./stats";

/** A move that has not been painted in B after this long counts as lost. */
const PAINT_TIMEOUT_MS = 5000;

/** One move, every time in epoch ms on the pages' clocks. */
export interface MoveSample {
  item: string;
  /** A: the pointerup event's timestamp (browser → browser) or the bot's send (bot → browser). */
  inputAt: number;
  /** A: when the first pointerup listener ran. */
  handlerAt: number | null;
  /** A: when the page handed the sync update to its websocket. */
  sentAt: number | null;
  /** When a Node client connected to the same board received it: the server's relay, without any browser. */
  relayedAt: number | null;
  /** B: when that update arrived on B's websocket. */
  receivedAt: number | null;
  mutationAt: number;
  rafAt: number;
  postFrameAt: number;
  /** B drew the dot where A dropped it (within 0.5 % of the grid). */
  positionOk: boolean;
}

export interface LatencyStats {
  samples: number;
  lost: number;
  skipped: number;
  positionMismatches: number;
  /** Headline: input → the task after B's next frame (style, layout, paint done). */
  inputToPainted: Distribution;
  /** Input → the first requestAnimationFrame callback in B after the DOM change. */
  inputToFrame: Distribution;
  /** Input → B's DOM change (React commit). */
  inputToDom: Distribution;
  /** Where the time goes (browser → browser only). */
  segments: {
    aInputToSend: Distribution;
    relay: Distribution;
    wire: Distribution;
    bReceiveToDom: Distribution;
    bDomToPainted: Distribution;
  } | null;
}

export function summarise(samples: MoveSample[], lost: number, skipped: number): LatencyStats {
  const seg = (f: (s: MoveSample) => number | null) => distribution(samples.map(f).filter((v): v is number => v !== null));
  const hasWire = samples.some((s) => s.sentAt !== null);
  return {
    samples: samples.length,
    lost,
    skipped,
    positionMismatches: samples.filter((s) => !s.positionOk).length,
    inputToPainted: seg((s) => s.postFrameAt - s.inputAt),
    inputToFrame: seg((s) => s.rafAt - s.inputAt),
    inputToDom: seg((s) => s.mutationAt - s.inputAt),
    segments: hasWire
      ? {
          aInputToSend: seg((s) => (s.sentAt === null ? null : s.sentAt - s.inputAt)),
          relay: seg((s) => (s.sentAt === null || s.relayedAt === null ? null : s.relayedAt - s.sentAt)),
          wire: seg((s) => (s.sentAt === null || s.receivedAt === null ? null : s.receivedAt - s.sentAt)),
          bReceiveToDom: seg((s) => (s.receivedAt === null ? null : s.mutationAt - s.receivedAt)),
          bDomToPainted: seg((s) => s.postFrameAt - s.mutationAt),
        }
      : null,
  };
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The box of the layer the group's dots are drawn in: exactly the cells, as the drag code maps pointers. */
async function dotAreaBox(page: BoardPage): Promise<Box | null> {
  return page.page.evaluate(() => {
    const layer = document.querySelector("[data-dot]")?.parentElement;
    if (!layer) return null;
    const r = layer.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  });
}

const percent = (s: string): number => Number.parseFloat(s);

function near(style: { left: string; top: string }, expected: { col: number; row: number }, grid: Grid): boolean {
  const left = (expected.col / grid.columns.length) * 100;
  const top = (expected.row / grid.rows.length) * 100;
  return Math.abs(percent(style.left) - left) < 0.5 && Math.abs(percent(style.top) - top) < 0.5;
}

export interface BrowserMovesOptions {
  moves: number;
  grid: Grid;
  /** A's notes and the slots they sit in (kept up to date as they move). */
  slots: Map<string, Slot>;
  /** A Node client's receive times (Node clock) and the offset that puts them on the pages' clock. */
  relay: { seen: Map<string, number>; toPageMs: number } | null;
  seed: number;
  log(msg: string): void;
}

/**
 * The acceptance figure: a person in browser A drags one of their notes to
 * another cell with the mouse, and browser B, which draws the whole board,
 * paints the moved dot. Moves are spaced like a person's, one at a time.
 */
export async function runBrowserMoves(a: BoardPage, b: BoardPage, opts: BrowserMovesOptions): Promise<{ samples: MoveSample[]; lost: number; skipped: number }> {
  const random = makeRandom(opts.seed);
  const rows = opts.grid.rows.length;
  const columns = opts.grid.columns.length;
  const slots = allSlots(rows, columns);
  const samples: MoveSample[] = [];
  let lost = 0;
  let skipped = 0;
  const items = Array.from(opts.slots.keys());

  for (let i = 0; samples.length + lost < opts.moves && i < opts.moves * 3; i++) {
    const item = items[Math.floor(random() * items.length)]!;
    const from = opts.slots.get(item)!;
    const taken = new Set(Array.from(opts.slots.values()).map(slotKey));
    const free = slots.filter((s) => !taken.has(slotKey(s)) && (s.row !== from.row || s.col !== from.col));
    const to = free[Math.floor(random() * free.length)]!;

    const pin = await a.page.locator(`[data-note-pin="${item}"]`).boundingBox();
    const area = await dotAreaBox(a);
    if (!pin || !area) {
      skipped++;
      continue;
    }
    const px = pin.x + pin.width / 2;
    const py = pin.y + pin.height / 2;
    const hits = await a.page.evaluate(
      ({ x, y, item }) => document.elementFromPoint(x, y)?.closest("[data-note-pin]")?.getAttribute("data-note-pin") === item,
      { x: px, y: py, item },
    );
    if (!hits) {
      opts.log(`move ${i}: the pin of ${item} is covered at (${px.toFixed(0)}, ${py.toFixed(0)}); choosing another note`);
      skipped++;
      continue;
    }
    const target = slotPoint(to);
    const tx = area.left + (target.col / columns) * area.width;
    const ty = area.top + (target.row / rows) * area.height;
    const expected = { col: ((tx - area.left) / area.width) * columns, row: ((ty - area.top) / area.height) * rows };

    const key = `${item}:${a.participant}`;
    await b.probe((p, k) => p.arm(k), key);
    const upsBefore = await a.probe((p) => p.pointerUps.length, null);

    await a.page.mouse.move(px, py);
    await a.page.mouse.down();
    await a.page.mouse.move(tx, ty, { steps: 8 });
    await a.page.mouse.up();

    const seen = await b.probe((p, t) => p.result(t), PAINT_TIMEOUT_MS);
    const aLog = await a.probe(
      (p, from) => {
        const up = p.pointerUps[from] ?? null;
        const sent = up ? (p.sends.find((s) => s.type === 0 && s.sub === 2 && s.t >= up.handlerAt) ?? null) : null;
        return { up, sentAt: sent ? sent.t : null };
      },
      upsBefore,
    );
    if (!aLog.up) throw new Error(`move ${i}: browser A saw no pointerup`);
    if (!seen) {
      lost++;
      opts.log(`move ${i}: ${item} was not painted in B within ${PAINT_TIMEOUT_MS} ms`);
    } else {
      const relayed = opts.relay?.seen.get(key);
      const relayedAt = relayed !== undefined && relayed + opts.relay!.toPageMs >= seen.armedAt ? relayed + opts.relay!.toPageMs : null;
      samples.push(sample(item, aLog.up.eventAt, aLog.up.handlerAt, aLog.sentAt, relayedAt, seen, near(seen, expected, opts.grid)));
    }
    opts.slots.set(item, to);
    // A person lets go, looks, and reaches for the next note.
    await sleep(150 + random() * 200);
  }
  return { samples, lost, skipped };
}

function sample(
  item: string,
  inputAt: number,
  handlerAt: number | null,
  sentAt: number | null,
  relayedAt: number | null,
  seen: PaintObservation,
  positionOk: boolean,
): MoveSample {
  return {
    item,
    inputAt,
    handlerAt,
    sentAt,
    relayedAt,
    receivedAt: seen.receivedAt,
    mutationAt: seen.mutationAt,
    rafAt: seen.rafAt,
    postFrameAt: seen.postFrameAt,
    positionOk,
  };
}

export interface BotMovesOptions {
  moves: number;
  grid: Grid;
  items: string[];
  /** The bot people (never A or B); each move goes through the mover's own seated connection. */
  crowd: BotCrowd;
  /** Node clock, and B's clock minus it. */
  clock: Clock;
  bOffsetMs: number;
  seed: number;
  log(msg: string): void;
}

/**
 * The same observation in B for moves written by a stock y-websocket client
 * in Node: no input handling or rendering in a sending browser, so many
 * samples are cheap. The send time is moved onto B's clock with the
 * measured offset.
 */
export async function runBotMoves(b: BoardPage, opts: BotMovesOptions): Promise<{ samples: MoveSample[]; lost: number }> {
  const random = makeRandom(opts.seed);
  const rows = opts.grid.rows.length;
  const columns = opts.grid.columns.length;
  const samples: MoveSample[] = [];
  let lost = 0;
  const participants = [...opts.crowd.keys()];
  for (let i = 0; i < opts.moves; i++) {
    const item = opts.items[Math.floor(random() * opts.items.length)]!;
    const participant = participants[Math.floor(random() * participants.length)]!;
    const point = { col: Math.round(clamp(random() * columns, columns) * 1000) / 1000, row: Math.round(clamp(random() * rows, rows) * 1000) / 1000 };
    await b.probe((p, k) => p.arm(k), `${item}:${participant}`);
    const sentAt = opts.clock() + opts.bOffsetMs;
    placeItem(opts.crowd.get(participant)!.doc, { item, participant, ...point }, opts.grid);
    const seen = await b.probe((p, t) => p.result(t), PAINT_TIMEOUT_MS);
    if (!seen) {
      lost++;
      opts.log(`bot move ${i}: not painted in B within ${PAINT_TIMEOUT_MS} ms`);
    } else {
      samples.push(sample(item, sentAt, null, sentAt, null, seen, near(seen, point, opts.grid)));
    }
    await sleep(100 + random() * 100);
  }
  return { samples, lost };
}
