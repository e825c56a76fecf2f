import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, runSoak, type SoakResult } from "../../bench/soak/soak";
import { soakTable } from "../../bench/soak/report";

/**
 * `npm run soak` for one minute, sized for a two-core machine: the server as its own process,
 * killed with SIGKILL six times under load and restarted on the same data, then once more after
 * the clients settle. Nothing any client saw relayed may be missing from the store.
 */
let result: SoakResult | null = null;
afterAll(() => {
  if (result) cleanUp(result);
});

describe("soak with crashes", () => {
  it("loses nothing any client saw, and every board's clients converge, across six SIGKILLs in a minute", async () => {
    const seed = Number(process.env.SOAK_SEED ?? 1);
    result = await runSoak({ minutes: 1, seed, boards: 4, clients: 5, bots: 2, botRate: 10, kills: 6, actionSeconds: [2, 6] });
    const table = soakTable(result);
    expect(result.failures, `${table}\n(data kept in ${result.dataDir})`).toEqual([]);
    const total = (pick: (b: SoakResult["boards"][number]) => number) => result!.boards.reduce((n, b) => n + pick(b), 0);
    expect(total((b) => b.lost)).toBe(0);
    expect(result.boards.every((b) => b.converged && b.storeMatchesClients && b.ledgerAbsorbed)).toBe(true);
    expect(result.restarts).toBeGreaterThanOrEqual(7);
    expect(result.incarnations.filter((i) => i.ending === "crashed")).toEqual([]);
    // The check had something to check: writes made, relayed to others, and all stored.
    expect(total((b) => b.sent)).toBeGreaterThan(300);
    expect(total((b) => b.relayedDistinct)).toBeGreaterThan(300);
    expect(total((b) => b.sentInStore)).toBe(total((b) => b.sent));
  });
});
