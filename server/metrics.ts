import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Why an update was refused, as a small fixed set: each is one labelled series, so a reason may
 * never carry the refused content (a root's name, a point) the way the log line's text does.
 */
export const REFUSAL_REASONS = [
  /** A viewer wrote. */
  "read_only",
  /** A participant wrote while the facilitator had locked the board. */
  "locked",
  /** A participant wrote what only the facilitator may (the board's meta). */
  "facilitator_only",
  /** A seated participant wrote what is somebody else's: another person's placement, item or entry. */
  "not_own",
  /** A participant connection without a valid seat wrote. */
  "no_seat",
  /** Content outside the board format: unknown roots, nested or list types, long keys, odd anchors. */
  "format",
  /** A placement outside the largest grid a board can have. */
  "outside_grid",
  /** Built on content the board does not have. */
  "missing_content",
  /** Written under a client id that is not the connection's own. */
  "client_id",
  /** One update that would make the server visit too much of the board. */
  "too_large",
  /** The board reached its size limit. */
  "board_full",
  /** A message bigger than the message size limit, read no further. */
  "too_big",
  /** A message that is not the sync protocol, or not a Yjs update where one belongs. */
  "malformed",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Turn commits take a fraction of a millisecond on SQLite and a few on Postgres; a second is trouble. */
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** From a message's arrival to its relay: a commit plus a turn or two of waiting. */
const RELAY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The counters /healthz shows, as plain numbers. */
export interface HealthCounts {
  roomsLoaded: number;
  connections: number;
  connectionsTotal: number;
  updatesAccepted: number;
  updatesRefused: number;
  messagesIn: number;
  bytesIn: number;
  messagesOut: number;
  bytesOut: number;
  persistBatches: number;
  compactions: number;
  rateLimited: number;
}

export interface MetricsOptions {
  /** Also export the process's own metrics (CPU, memory, event-loop lag, GC): one server per process only. */
  processMetrics?: boolean;
}

/**
 * One server's counters, the single source of /healthz and /metrics. The hot path (every message
 * in and out) only adds to plain fields; the Prometheus registry reads them when it is scraped, so
 * counting costs no label lookup per message. The two histograms are observed once per turn.
 * Each server has its own registry, so tests can run several servers in one process.
 */
export class Metrics {
  roomsLoaded = 0;
  connections = 0;
  connectionsTotal = 0;
  updatesAccepted = 0;
  messagesIn = 0;
  bytesIn = 0;
  messagesOut = 0;
  bytesOut = 0;
  persistBatches = 0;
  compactions = 0;
  readonly refusedBy: Record<RefusalReason, number> = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<RefusalReason, number>;
  /** Rate-limit hits by the limit's name. */
  readonly limitedBy = new Map<string, number>();
  readonly registry = new Registry();
  private readonly turnCommit: Histogram;
  private readonly relay: Histogram;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    const counter = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge("cruxboard_rooms_loaded", "Boards held in memory on this node.", () => this.roomsLoaded);
    gauge("cruxboard_connections", "Sync connections open now.", () => this.connections);
    counter("cruxboard_connections_total", "Sync connections opened.", () => this.connectionsTotal);
    counter("cruxboard_updates_accepted_total", "Updates applied to a board.", () => this.updatesAccepted);
    counter("cruxboard_messages_in_total", "Sync messages received.", () => this.messagesIn);
    counter("cruxboard_bytes_in_total", "Bytes of sync messages received.", () => this.bytesIn);
    counter("cruxboard_messages_out_total", "Sync messages sent.", () => this.messagesOut);
    counter("cruxboard_bytes_out_total", "Bytes of sync messages sent.", () => this.bytesOut);
    counter("cruxboard_persist_batches_total", "Store transactions that wrote a turn's updates.", () => this.persistBatches);
    counter("cruxboard_compactions_total", "Board logs compacted into one state.", () => this.compactions);
    const refusedBy = this.refusedBy;
    new Counter({
      name: "cruxboard_updates_refused_total",
      help: "Updates (or the messages carrying them) refused whole, by reason.",
      labelNames: ["reason"],
      registers,
      collect() {
        this.reset();
        for (const reason of REFUSAL_REASONS) this.labels(reason).inc(refusedBy[reason]);
      },
    });
    const limitedBy = this.limitedBy;
    new Counter({
      name: "cruxboard_rate_limited_total",
      help: "Requests or messages turned away by a rate limit, by the limit's name.",
      labelNames: ["limit"],
      registers,
      collect() {
        this.reset();
        for (const [limit, hits] of limitedBy) this.labels(limit).inc(hits);
      },
    });
    this.turnCommit = new Histogram({
      name: "cruxboard_turn_commit_seconds",
      help: "Time of the store transaction that makes one turn's updates durable.",
      buckets: COMMIT_BUCKETS,
      registers,
    });
    this.relay = new Histogram({
      name: "cruxboard_relay_seconds",
      help: "Time from the first message of a turn arriving to the turn's changes being sent to the other clients.",
      buckets: RELAY_BUCKETS,
      registers,
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  get updatesRefused(): number {
    let total = 0;
    for (const reason of REFUSAL_REASONS) total += this.refusedBy[reason];
    return total;
  }

  get rateLimited(): number {
    let total = 0;
    for (const hits of this.limitedBy.values()) total += hits;
    return total;
  }

  refused(reason: RefusalReason): void {
    this.refusedBy[reason]++;
  }

  /** A rate limit named `limit` turned something away; wire a limiter's `onLimited(limit)` here. */
  readonly limited = (limit: string): void => {
    this.limitedBy.set(limit, (this.limitedBy.get(limit) ?? 0) + 1);
  };

  /** A turn's store transaction took `ms` milliseconds. */
  turnCommitted(ms: number): void {
    this.turnCommit.observe(ms / 1000);
  }

  /** A turn's changes went out `ms` milliseconds after its first message arrived. */
  turnRelayed(ms: number): void {
    this.relay.observe(ms / 1000);
  }

  counts(): HealthCounts {
    return {
      roomsLoaded: this.roomsLoaded,
      connections: this.connections,
      connectionsTotal: this.connectionsTotal,
      updatesAccepted: this.updatesAccepted,
      updatesRefused: this.updatesRefused,
      messagesIn: this.messagesIn,
      bytesIn: this.bytesIn,
      messagesOut: this.messagesOut,
      bytesOut: this.bytesOut,
      persistBatches: this.persistBatches,
      compactions: this.compactions,
      rateLimited: this.rateLimited,
    };
  }
}

export const createMetrics = (options?: MetricsOptions): Metrics => new Metrics(options);
