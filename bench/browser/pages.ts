import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import type { Clock } from "../lib/clock";
import { sleep } from "../lib/clock";
import { CHROMIUM_PATH, CHROMIUM_ARGS as E2E_CHROMIUM_ARGS } from "../../tests/chromium";
import { installProbe, type Probe, type ProbeWindow } from "./probe";

export { CHROMIUM_PATH };

/** As tests/e2e run it, plus: pages in other contexts are never throttled as background tabs. */
export const CHROMIUM_ARGS = [
  ...E2E_CHROMIUM_ARGS,
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
];

export const VIEWPORT = { width: 1280, height: 800 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/*
 * tsx compiles this bench with esbuild's keepNames, which wraps named
 * functions in __name(fn, "name"); functions serialised into the page keep
 * those calls, so the page needs a __name that does nothing.
 */
const NAME_SHIM = "globalThis.__name = globalThis.__name || ((fn) => fn);";

export interface BoardPage {
  context: BrowserContext;
  page: Page;
  participant: string | null;
  /** Uncaught page errors and console errors, for the report. */
  errors: string[];
  /** Runs `fn` against the page's probe. */
  probe<R, A>(fn: (probe: Probe, arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export interface OpenOptions {
  person: { id: string; name: string } | null;
  /** The page is ready once this many group dots and own notes are drawn. */
  dots: number;
  notes: number;
  timeoutMs: number;
  attempts: number;
  log(msg: string): void;
}

/**
 * Opens the board in a fresh browser context, as a participant whose name and
 * participant id are already remembered (so the page joins without asking),
 * and waits until it is live and draws the whole seeded board.
 */
export async function openBoardPage(browser: Browser, url: string, board: CreatedBoard, opts: OpenOptions): Promise<BoardPage> {
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const errors: string[] = [];
    try {
      await context.addInitScript({ content: NAME_SHIM });
      if (opts.person) {
        await context.addInitScript(
          ({ boardId, id, name }) => {
            localStorage.setItem("cruxboard:name", name);
            localStorage.setItem(`cruxboard:participant:${boardId}`, id);
          },
          { boardId: board.id, ...opts.person },
        );
      }
      await context.addInitScript(installProbe);
      const page = await context.newPage();
      page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(`console: ${msg.text().slice(0, 300)}`);
      });
      await page.goto(url + (opts.person ? board.links.join : board.links.view), { timeout: opts.timeoutMs });
      await page.locator("[role=status]", { hasText: /^Live$/ }).first().waitFor({ timeout: opts.timeoutMs });
      await page.waitForFunction(
        ({ dots, notes }) =>
          document.querySelectorAll("[data-dot]").length >= dots && document.querySelectorAll("[data-note]").length >= notes,
        { dots: opts.dots, notes: opts.notes },
        { timeout: opts.timeoutMs, polling: 100 },
      );
      // Centred, so every cell is inside the viewport: pointer input there hits, and the dots are painted.
      await page.evaluate(() => document.querySelector("[role=grid]")?.scrollIntoView({ block: "center" }));
      const handle: BoardPage = {
        context,
        page,
        participant: opts.person?.id ?? null,
        errors,
        probe: probeOf(page),
      };
      return handle;
    } catch (err) {
      lastError = err;
      const detail = errors.length > 0 ? ` (${errors.slice(0, 3).join("; ")})` : "";
      opts.log(`opening the board as ${opts.person?.name ?? "viewer"} failed (attempt ${attempt}/${opts.attempts}): ${firstLine(err)}${detail}`);
      await context.close().catch(() => {});
      if (attempt < opts.attempts) await sleep(5000);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** Runs a function against the page's probe; the function is sent as source, so it may use only its arguments. */
function probeOf(page: Page) {
  return <R, A>(fn: (probe: Probe, arg: A) => R | Promise<R>, arg: A): Promise<R> =>
    page.evaluate(
      ({ source, arg }) => {
        const run = new Function("probe", "arg", `return (${source})(probe, arg);`) as (p: Probe, a: unknown) => unknown;
        return run((window as unknown as ProbeWindow).__cruxBench, arg);
      },
      { source: fn.toString(), arg },
    ) as Promise<R>;
}

export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
}

export interface ClockOffset {
  /** Page clock minus Node clock, from the sample with the shortest round trip. */
  offsetMs: number;
  /** That sample's round trip: the offset is known to within half of it. */
  rttMs: number;
  /** Date.now() minus timeOrigin + performance.now() inside the page (Date.now has 1 ms steps). */
  dateMinusPerfMs: number;
}

/** How far a page's `timeOrigin + performance.now()` is from Node's clock, bracketed by round trips. */
export async function measureClockOffset(page: BoardPage, clock: Clock, samples = 25): Promise<ClockOffset> {
  let best: ClockOffset | null = null;
  for (let i = 0; i < samples; i++) {
    const t0 = clock();
    const c = await page.probe((p) => p.clocks(), null);
    const t1 = clock();
    const rtt = t1 - t0;
    if (best === null || rtt < best.rttMs) best = { offsetMs: c.perf - (t0 + t1) / 2, rttMs: rtt, dateMinusPerfMs: c.date - c.perf };
  }
  return best!;
}
