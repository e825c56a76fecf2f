/** What one soak run does; every field has a default, so `npm run soak` alone is the full run. */
export interface SoakOptions {
  minutes: number;
  seed: number;
  boards: number;
  /** Participants per board, each acting every 2–6 s. */
  clients: number;
  /** Fast writers, one per board from the first board on. */
  bots: number;
  /** Moves per second of each bot. */
  botRate: number;
  /** SIGKILLs spread over the run, each followed by a restart on the same data. */
  kills: number;
  /** Seconds between a participant's actions: each waits a random time in [min, max]. */
  actionSeconds: [number, number];
}

export const DEFAULT_KILLS_PER_MINUTE = 2;
export const MIN_KILLS = 5;

export const USAGE = `npm run soak -- [options]

  --minutes=N     how long the load runs (default 5; fractions allowed)
  --seed=N        the run's seed: kill moments and every client's actions (default: random, printed)
  --boards=N      boards (default 10)
  --clients=N     participants per board, each acting every 2–6 s (default 10)
  --bots=N        fast writers, one per board from the first (default 2)
  --bot-rate=N    moves per second of each bot (default 20)
  --kills=N       SIGKILLs of the server, spread over the run (default ${DEFAULT_KILLS_PER_MINUTE} a minute, at least ${MIN_KILLS});
                  0 runs without kills (for memory over time); the final restart happens anyway
  --help          this text

Exit code 0 only when nothing any client saw relayed is missing from the store and every
board's clients converged; 1 otherwise.
`;

function numberOf(value: string, flag: string, { min, integer }: { min: number; integer: boolean }): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new Error(`${flag} takes ${integer ? "a whole number" : "a number"} ≥ ${min}, not "${value}"`);
  }
  return n;
}

export function defaultKills(minutes: number): number {
  return Math.max(MIN_KILLS, Math.round(minutes * DEFAULT_KILLS_PER_MINUTE));
}

/** Parses `--name=value` flags; throws with a message naming the bad flag. Returns null for --help. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions | null {
  const given = new Map<string, string>();
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") return null;
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`unknown argument "${arg}"; see --help`);
    given.set(match[1]!, match[2]!);
  }
  const known = new Set(["minutes", "seed", "boards", "clients", "bots", "bot-rate", "kills"]);
  for (const name of given.keys()) if (!known.has(name)) throw new Error(`unknown option --${name}; see --help`);
  const get = (name: string, def: number, min: number, integer = true) =>
    given.has(name) ? numberOf(given.get(name)!, `--${name}`, { min, integer }) : def;
  const minutes = get("minutes", 5, 0.1, false);
  const boards = get("boards", 10, 1);
  const bots = get("bots", 2, 0);
  if (bots > boards) throw new Error(`--bots=${bots}: at most one bot per board (${boards} boards)`);
  return {
    minutes,
    seed: get("seed", Math.floor(Math.random() * 2 ** 31), 0),
    boards,
    clients: get("clients", 10, 2),
    bots,
    botRate: get("bot-rate", 20, 0.1, false),
    kills: get("kills", defaultKills(minutes), 0),
    actionSeconds: [2, 6],
  };
}
