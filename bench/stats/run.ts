/*
 * npm run bench:stats — how long every statistic takes for 30 items × 200 participants, in
 * Node (the server's exports) and in Chromium (the board page), for three placement layouts.
 * Prints a table and writes bench/results/stats-<time>.{json,md}.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/chromium";
import { distribution } from "../browser/stats";
import { LAYOUTS, measure, type StatsTimes } from "./workload";

const ITEMS = 30;
const PARTICIPANTS = 200;
const ROUNDS = Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 10);

async function inBrowser(): Promise<StatsTimes[]> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, "workload.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "workload",
    platform: "browser",
    minify: true,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(
      ({ layouts, items, participants, rounds }) =>
        layouts.map((layout) =>
          (window as unknown as { workload: { measure: typeof measure } }).workload.measure(layout as StatsTimes["layout"], items, participants, rounds, () => performance.now()),
        ),
      { layouts: LAYOUTS, items: ITEMS, participants: PARTICIPANTS, rounds: ROUNDS },
    );
  } finally {
    await browser.close();
  }
}

const ms = (x: number | null) => (x === null ? "–" : x.toFixed(1));

async function main() {
  const node = LAYOUTS.map((layout) => measure(layout, ITEMS, PARTICIPANTS, ROUNDS, () => performance.now()));
  const browser = await inBrowser();
  const rows = [...node.map((t) => ({ where: "node", ...t })), ...browser.map((t) => ({ where: "chromium", ...t }))].map((t) => {
    // The first full run pays for compilation; report it apart.
    const full = distribution(t.fullMs.slice(1));
    const change = distribution(t.oneChangeMs);
    return { where: t.where, layout: t.layout, firstMs: t.fullMs[0]!, full, change };
  });
  const lines = [
    `Statistics for ${ITEMS} items × ${PARTICIPANTS} participants (${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version})`,
    "",
    "| where | layout | first (ms) | every item p50 (ms) | p95 | one change p50 (ms) | p95 |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.where} | ${r.layout} | ${ms(r.firstMs)} | ${ms(r.full.p50)} | ${ms(r.full.p95)} | ${ms(r.change.p50)} | ${ms(r.change.p95)} |`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
  const dir = path.resolve("bench/results");
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `stats-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  writeFileSync(`${base}.json`, JSON.stringify({ items: ITEMS, participants: PARTICIPANTS, rounds: ROUNDS, rows }, null, 2) + "\n");
  writeFileSync(`${base}.md`, lines.join("\n") + "\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:stats failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
