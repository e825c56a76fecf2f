/**
 * Time of one group commit (`appendBatch`) on each store: 100 boards × 1 update, and 1 board × 100
 * updates. Postgres runs on a database of its own (TEST_DATABASE_URL's server, dropped afterwards).
 *   npx tsx bench/store-append.ts [rounds]
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { silentLogger } from "../server/log";
import { openPostgresStore } from "../server/storage/postgres";
import { openSqliteStore } from "../server/storage/sqlite";
import type { DocStore } from "../server/storage/types";
import { freshDatabase } from "../tests/services";

const ROUNDS = Number(process.argv[2] ?? 200);
const UPDATE_BYTES = 120;

type Batch = Array<{ boardId: string; updates: Uint8Array[] }>;

async function measure(store: DocStore, label: string): Promise<void> {
  const ids = Array.from({ length: 100 }, (_, i) => `bench${i}${randomBytes(4).toString("hex")}`);
  for (const id of ids) {
    await store.createBoard({ id, createdAt: Date.now(), keyHashes: { facilitator: "f", participant: "p", viewer: "v" } }, randomBytes(UPDATE_BYTES));
  }
  const shapes: Record<string, () => Batch> = {
    "100 boards × 1 update": () => ids.map((boardId) => ({ boardId, updates: [randomBytes(UPDATE_BYTES)] })),
    "1 board × 100 updates": () => [{ boardId: ids[0]!, updates: Array.from({ length: 100 }, () => randomBytes(UPDATE_BYTES)) }],
  };
  for (const [shape, make] of Object.entries(shapes)) {
    for (let i = 0; i < 20; i++) await store.appendBatch(make());
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const batch = make();
      const start = process.hrtime.bigint();
      await store.appendBatch(batch);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
    const mean = (times.reduce((s, t) => s + t, 0) / times.length).toFixed(2);
    console.log(`${label.padEnd(16)} ${shape.padEnd(22)} mean ${mean} ms  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  (${ROUNDS} batches)`);
  }
  await store.close();
}

async function main(): Promise<void> {
  // The SQLite checkpointer is an unref'd worker: without something else alive, waiting for it to stop would end the process.
  const keepAlive = setInterval(() => undefined, 1000);
  const database = await freshDatabase();
  try {
    await measure(await openPostgresStore({ url: database.url, poolMax: 10, statementTimeoutMs: 5000, logger: silentLogger }), "postgres");
  } finally {
    await database.drop();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cruxboard-bench-"));
  try {
    await measure(openSqliteStore({ dir }), "sqlite NORMAL");
    await measure(openSqliteStore({ dir, synchronous: "FULL" }), "sqlite FULL");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    clearInterval(keepAlive);
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
