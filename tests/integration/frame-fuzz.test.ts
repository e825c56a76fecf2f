import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readBoard } from "../../lib/board/doc";
import { placeItem } from "../../lib/board/commands";
import { encodeSyncUpdate } from "../../server/sync/protocol";
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { CampaignReport } from "../../bench/fuzz/campaign";
import { CATEGORIES, createFrameGenerator } from "../../bench/fuzz/frames";
import { craftUpdate } from "../unit/crafted-updates";
import { boardFixture, synced, waitFor } from "./harness";

/** A fixed seed, always; a fresh one each run, printed when it fails so the run can be replayed (`npm run fuzz -- --seed N`). */
const SEEDS = [20_261_206, randomInt(2 ** 31)];
const FRAMES = 200;

/**
 * The fuzzer as users run it (`npm run fuzz`): a process of its own holding the server, the fuzzing
 * connections and the honest clients, so a frame that keeps the server busy cannot stall this runner.
 */
function fuzz(seed: number): CampaignReport {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/fuzz/run.ts", "--frames", String(FRAMES), "--seed", String(seed), "--json"], {
    cwd: path.resolve(__dirname, "../.."),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // Exit code 1 means problems, which the report lists; anything else means there is no report.
  if (run.status !== 0 && run.status !== 1) throw new Error(`npm run fuzz ended with ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`);
  // Yjs may print a line of its own before the report.
  const out = run.stdout;
  return JSON.parse(out.startsWith("{") ? out : out.slice(out.indexOf("\n{") + 1)) as CampaignReport;
}

describe("frame fuzzing against a live server", () => {
  for (const seed of SEEDS) {
    it(`closes only the offending connections and leaves the board and honest clients untouched (seed ${seed})`, { timeout: 240_000 }, () => {
      const report = fuzz(seed);
      const context = `seed ${seed} (replay: npm run fuzz -- --frames ${FRAMES} --seed ${seed})`;
      expect(report.problems, context).toEqual([]);
      expect(report.frames).toBeGreaterThanOrEqual(FRAMES);
      expect(report.honestDisconnects, context).toBe(0);
      expect(report.errorLines, context).toEqual([]);
      expect(report.closes, context).toBeGreaterThan(0);
      expect(report.honestEdits, context).toBeGreaterThan(0);
      expect(report.seatCases, context).toBeGreaterThanOrEqual(7);
    });
  }

  it("replays the same frames from the same seed", { timeout: 120_000 }, () => {
    const frames = (seed: number) => {
      const gen = createFrameGenerator(seed, { maxMessageBytes: 64 * 1024 });
      return Array.from({ length: 150 }, () => gen.next());
    };
    const a = frames(7);
    expect(new Set(a.map((f) => f.category)).size).toBeGreaterThan(CATEGORIES.length / 2);
    expect(frames(7)).toEqual(a);
    expect(frames(8)).not.toEqual(a);
  });
});

describe("what frame fuzzing found", () => {
  const fx = boardFixture();

  it("refuses at once an update of many values of one entry that do not build on each other", async () => {
    const honest = await fx.seated("Honest");
    await synced(honest);
    // 20,000 values over 50 entries: applied, Yjs would search each entry's history for each value, for minutes.
    const values = Array.from({ length: 20_000 }, (_, i) => ({ client: 5, clock: i, parent: "items", parentSub: `k${i % 50}`, values: [i] }));
    // With the facilitator's key: it writes anything, so nothing but this check stands between the update and Yjs
    // (a participant's update like it is refused earlier, for not being theirs or for want of a seat).
    const ws = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.facilitator}`);
    await new Promise((r) => ws.once("open", r));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.send(encodeSyncUpdate(craftUpdate(values)));
    expect(await closed).toBe(1008);
    const grid = readBoard(honest.doc).meta.grid;
    placeItem(honest.doc, { item: "rlhf", participant: honest.participant, col: 1, row: 1 }, grid);
    await waitFor(() => fx.srv.server.metrics.updatesAccepted >= 1, "the honest client's edit", 20_000);
    const [stored, state] = await fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => [room.doc.getMap("items").has("k0"), readBoard(room.doc)] as const);
    expect(stored).toBe(false);
    expect(state.placements).toHaveLength(1);
    expect(honest.provider.wsconnected).toBe(true);
  });

  it("closes a participant without a seat whose refused update is too big to stand in for, with its reason cut to fit a close frame", async () => {
    // The refusal's reason names the board's seats route and is longer than the 123 bytes a close frame holds.
    const values = Array.from({ length: 20_000 }, (_, i) => ({ client: 5, clock: i, parent: "items", parentSub: `k${i % 50}`, values: [i] }));
    const ws = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.participant}`);
    await new Promise((r) => ws.once("open", r));
    const closed = new Promise<[number, string]>((resolve) => ws.on("close", (code, reason) => resolve([code, reason.toString()])));
    ws.send(encodeSyncUpdate(craftUpdate(values)));
    const [code, reason] = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/^update refused: this connection has no seat: take one with POST .*…$/);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
  });
});
