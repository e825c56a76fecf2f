import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import * as Y from "yjs";
import { z } from "zod/mini";
import "../../lib/zod-messages";
import {
  CreateBoardBodySchema,
  CreateSnapshotBodySchema,
  ExportFormatSchema,
  PictureViewSchema,
  type BoardAccess,
  type BoardHistoryJson,
  type CreatedBoard,
  type ExportFormat,
  type PictureView,
  type SnapshotSummaryJson,
} from "../../lib/api/schemas";
import { ReplaceKeyBodySchema, type ReplacedKeys } from "../../lib/api/link-control";
import { createBoard } from "../../lib/board/create-board";
import { TEMPLATES } from "../../lib/board/templates";
import { buildSnapshot } from "../../lib/snapshot/build";
import { timelineCsv } from "../../lib/snapshot/csv";
import { downloadName } from "../../lib/snapshot/file-name";
import { firstIssue, parseSnapshot, readSnapshot } from "../../lib/snapshot/parse";
import { snapshotToDoc } from "../../lib/board/restore";
import type { Snapshot } from "../../lib/snapshot/schema";
import type { Logger } from "../log";
import type { Metrics } from "../metrics";
import { RoomUnavailableError, type RoomManager } from "../sync/rooms";
import { ID_PATTERN, hashKey, newBoardId, newKey, newKeys, roleForKey } from "../sync/auth";
import { BoardGoneError } from "../sync/room";
import type { BoardRecord, DocStore, Role } from "../storage/types";
import { createHistoryService } from "./history";
import type { SharedLimiter } from "../bus/types";
import type { AddressLimiter, OnLimited } from "./address-limits";
import { clientAddress } from "./client-address";
import { createJoinCodes, type JoinCodeLimits } from "./join-codes";
import { readBoardOr409 } from "./readable-board";
import { HttpError, readJsonBody, sendError, sendJson, sendText, tooMany } from "./respond";
import type { Route } from "./board-routes";
import { createItemRoutes } from "./items";
import { createOpsRoutes } from "./ops-routes";
import { createSeatRoutes } from "./seats";
import { createSnapshotFiles } from "./snapshot-files";

export interface ApiOptions {
  store: DocStore;
  rooms: RoomManager;
  logger: Logger;
  metrics: Metrics;
  maxBodyBytes: number;
  startedAt: number;
  /** The dependencies that are down (./health.ts). */
  health: () => Promise<string[]>;
  busName: string;
  joinCodes: JoinCodeLimits;
  limiter: (name: string, points: number, durationSeconds: number) => SharedLimiter;
  /** Proxies in front of this server whose X-Forwarded-For entries are believed (./client-address.ts). */
  trustProxyHops: number;
  /** The clock join codes are issued and expire by. */
  now: () => number;
  /** Per-address limits on creating and importing boards. */
  addressLimits: AddressLimiter;
  onLimited: OnLimited;
  /** People one board may seat, removed ones included. */
  seatsPerBoard: number;
  /** Set: /metrics answers only requests that carry it as `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
}

const linkOf = (id: string, key: string) => `/b/${id}?key=${key}`;
const linksOf = (id: string, keys: Record<Role, string>) => ({
  facilitate: linkOf(id, keys.facilitator),
  join: linkOf(id, keys.participant),
  view: linkOf(id, keys.viewer),
});

function parseOr400<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = z.safeParse(schema, value);
  if (!r.success) {
    const { path, message } = firstIssue(r.error);
    throw new HttpError(400, `${path}: ${message}`, path);
  }
  return r.data;
}

/** The HTTP API of the public contract. Returns false for paths it does not own. */
export function createApi(options: ApiOptions) {
  const { store, rooms, logger, metrics } = options;
  const history = createHistoryService(store);
  const sendSnapshot = createSnapshotFiles(store);
  const joinCodes = createJoinCodes({ store, now: options.now, limits: options.joinCodes, limiter: options.limiter, onLimited: options.onLimited });

  /** Counts a request against its per-address limit, refusing it (429) past the limit. */
  async function takeOr429(req: IncomingMessage, limit: "board-creation" | "import" | "seats", what: string): Promise<void> {
    const wait = await options.addressLimits.take(limit, clientAddress(req, options.trustProxyHops));
    if (wait !== null) throw tooMany(limit, wait, `too many ${what} from this address`);
  }

  async function boardOr404(id: string): Promise<BoardRecord> {
    const board = ID_PATTERN.test(id) ? await store.getBoard(id) : null;
    if (!board) throw new HttpError(404, "unknown board");
    return board;
  }

  function authorize(board: BoardRecord, url: URL, needed?: Role): Role {
    const key = url.searchParams.get("key");
    if (!key) throw new HttpError(401, "missing key", "key");
    const role = roleForKey(board, key);
    if (!role) throw new HttpError(403, "wrong key for this board", "key");
    if (needed && role !== needed) throw new HttpError(403, `this needs the ${needed} key`, "key");
    return role;
  }

  async function insertBoard(doc: Y.Doc): Promise<CreatedBoard> {
    const { keys, hashes } = newKeys();
    const id = newBoardId();
    await store.createBoard(
      { id, createdAt: Date.now(), keyHashes: hashes, participantKey: keys.participant, viewerKey: keys.viewer },
      Y.encodeStateAsUpdate(doc),
    );
    return { id, keys, links: linksOf(id, keys) };
  }

  const formatOf = (url: URL): ExportFormat => {
    const r = ExportFormatSchema.safeParse(url.searchParams.get("format") ?? "json");
    if (!r.success) throw new HttpError(400, `format must be one of ${ExportFormatSchema.options.join(", ")}`, "format");
    return r.data;
  };
  /** `view` picks a picture, so it goes with `format=svg` alone: anything else would silently ignore it. */
  const viewOf = (url: URL, format: ExportFormat): PictureView => {
    const r = PictureViewSchema.safeParse(url.searchParams.get("view") ?? "grid");
    if (!r.success) throw new HttpError(400, `view must be one of ${PictureViewSchema.options.join(", ")}`, "view");
    if (r.data !== "grid" && format !== "svg") throw new HttpError(400, `view=${r.data} is a picture: use it with format=svg`, "view");
    return r.data;
  };

  const routes: Route[] = [
    ...createOpsRoutes({
      metrics,
      health: options.health,
      startedAt: options.startedAt,
      storeName: store.name,
      busName: options.busName,
      metricsToken: options.metricsToken,
    }),
    {
      method: "POST",
      pattern: /^\/api\/boards$/,
      handler: async (req, res) => {
        await takeOr429(req, "board-creation", "new boards");
        const body = parseOr400(CreateBoardBodySchema, await readJsonBody(req, options.maxBodyBytes));
        const template = body.template ?? (body.grid ? "blank" : "alignment");
        const doc = new Y.Doc();
        createBoard(doc, {
          title: body.title ?? (template === "blank" ? "Untitled board" : TEMPLATES[template].label),
          template,
          ...(body.grid ? { grid: body.grid } : {}),
          ...(body.goal !== undefined ? { goal: body.goal } : {}),
        });
        const created = await insertBoard(doc);
        logger.info("board created", { room: created.id, template });
        sendJson(res, 201, created);
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/boards\/import$/,
      handler: async (req, res) => {
        await takeOr429(req, "import", "imports");
        // Read, not completed: an import keeps placements and works out every statistic as the board is read.
        const result = readSnapshot(await readJsonBody(req, options.maxBodyBytes));
        if (!result.ok) throw new HttpError(400, `${result.path}: ${result.message}`, result.path);
        const created = await insertBoard(snapshotToDoc(result.snapshot));
        logger.info("board imported", { room: created.id, from: result.snapshot.board.id });
        sendJson(res, 201, created);
      },
    },
    {
      method: "GET",
      pattern: /^\/api\/boards\/([^/]+)$/,
      handler: async (_req, res, [id], url) => {
        const board = await boardOr404(id!);
        const role = authorize(board, url);
        const access: BoardAccess = { id: board.id, role, createdAt: new Date(board.createdAt).toISOString() };
        sendJson(res, 200, access);
      },
    },
    {
      // The board and everything of it go; every node's room closes its connections with the reason.
      method: "DELETE",
      pattern: /^\/api\/boards\/([^/]+)$/,
      handler: async (_req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url, "facilitator");
        // Told only once the store has committed: a page told its board was deleted forgets its copy and
        // stops, so a deletion that fails must tell nobody.
        if (!(await store.deleteBoard(board.id))) throw new HttpError(404, "unknown board");
        await rooms.announce(board.id, "deleted");
        logger.info("board deleted", { room: board.id });
        res.writeHead(204).end();
      },
    },
    {
      // A leaked or overshared link is retired: its key stops working everywhere, and whoever holds it is let go.
      method: "POST",
      pattern: /^\/api\/boards\/([^/]+)\/keys$/,
      handler: async (req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url, "facilitator");
        const { role } = parseOr400(ReplaceKeyBodySchema, await readJsonBody(req, 64 * 1024));
        const key = newKey();
        if (!(await store.replaceKey(board.id, role, hashKey(key), key))) throw new HttpError(404, "unknown board");
        await rooms.announce(board.id, "keys-replaced");
        logger.info("key replaced", { room: board.id, role });
        const keys = {
          facilitator: url.searchParams.get("key")!,
          participant: role === "participant" ? key : (board.participantKey ?? null),
          viewer: role === "viewer" ? key : (board.viewerKey ?? null),
        };
        const out: ReplacedKeys = {
          keys,
          links: {
            facilitate: linkOf(board.id, keys.facilitator),
            join: keys.participant && linkOf(board.id, keys.participant),
            view: keys.viewer && linkOf(board.id, keys.viewer),
          },
        };
        sendJson(res, 200, out);
      },
    },
    {
      method: "GET",
      pattern: /^\/api\/boards\/([^/]+)\/export$/,
      handler: async (_req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url);
        const format = formatOf(url);
        const view = viewOf(url, format);
        const snapshot = await rooms.withSettledRoom(board.id, (room) => buildSnapshot(board.id, readBoardOr409(room.doc)));
        await sendSnapshot(res, board.id, snapshot, format, undefined, view);
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/boards\/([^/]+)\/snapshots$/,
      handler: async (req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url, "facilitator");
        const body = parseOr400(CreateSnapshotBodySchema, await readJsonBody(req, 64 * 1024));
        const existing = await store.listSnapshots(board.id);
        const name = body.name ?? `Snapshot ${existing.length + 1}`;
        // The time is read once the room has settled: every update the snapshot holds was stored before it,
        // which is what places the snapshot correctly on the replay's timeline.
        const { snapshot, state, takenAt } = await rooms.withSettledRoom(board.id, (room) => {
          const takenAt = Math.max(Date.now(), (existing.at(-1)?.takenAt ?? 0) + 1);
          return { snapshot: buildSnapshot(board.id, readBoardOr409(room.doc), new Date(takenAt)), state: Y.encodeStateAsUpdate(room.doc), takenAt };
        });
        const snapshotId = randomBytes(12).toString("base64url");
        try {
          await store.addSnapshot({ id: snapshotId, boardId: board.id, name, takenAt, json: JSON.stringify(snapshot), state });
        } catch (err) {
          // Deleted while the snapshot was being taken: the store refused it, and the board is gone.
          if (!(await store.getBoard(board.id))) throw new HttpError(404, "unknown board");
          throw err;
        }
        const out: SnapshotSummaryJson = { id: snapshotId, name, takenAt: new Date(takenAt).toISOString() };
        sendJson(res, 201, out);
      },
    },
    {
      method: "GET",
      pattern: /^\/api\/boards\/([^/]+)\/snapshots$/,
      handler: async (_req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url);
        const list: SnapshotSummaryJson[] = (await store.listSnapshots(board.id)).map((s) => ({
          id: s.id,
          name: s.name,
          takenAt: new Date(s.takenAt).toISOString(),
        }));
        sendJson(res, 200, list);
      },
    },
    {
      method: "GET",
      pattern: /^\/api\/boards\/([^/]+)\/snapshots\/([^/]+)$/,
      handler: async (_req, res, [id, snapshotId], url) => {
        const board = await boardOr404(id!);
        authorize(board, url);
        const format = formatOf(url);
        const view = viewOf(url, format);
        const record = await store.getSnapshot(board.id, snapshotId!);
        if (!record) throw new HttpError(404, "unknown snapshot");
        const parsed = parseSnapshot(JSON.parse(record.json));
        if (!parsed.ok) throw new HttpError(500, "stored snapshot is unreadable");
        const named: Snapshot = { ...parsed.snapshot, snapshot: { id: record.id, name: record.name, takenAt: new Date(record.takenAt).toISOString() } };
        await sendSnapshot(res, board.id, named, format, { name: record.name, takenAt: record.takenAt }, view);
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/boards\/([^/]+)\/codes$/,
      handler: async (_req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url, "facilitator");
        sendJson(res, 201, await joinCodes.issue(board));
      },
    },
    {
      method: "GET",
      pattern: /^\/api\/join\/([^/]+)$/,
      handler: async (req, res, [code]) => {
        sendJson(res, 200, await joinCodes.resolve(code!, clientAddress(req, options.trustProxyHops)));
      },
    },
    {
      // Replay: every update the board accepted, as a timeline of placements. At most
      // MAX_HISTORY_EVENTS events; older ones are folded into `start`.
      method: "GET",
      pattern: /^\/api\/boards\/([^/]+)\/history$/,
      handler: async (_req, res, [id], url) => {
        const board = await boardOr404(id!);
        authorize(board, url);
        // Settled first, so the timeline holds every change a client may already have seen.
        await rooms.withSettledRoom(board.id, (room) => readBoardOr409(room.doc));
        const format = url.searchParams.get("format") ?? "json";
        if (format !== "json" && format !== "csv") throw new HttpError(400, "format must be one of json, csv", "format");
        const { replay, updates } = await history.timeline(board.id);
        const body: BoardHistoryJson = { boardId: board.id, title: replay.final.meta.title, grid: replay.final.meta.grid, updates, ...replay };
        if (format === "csv") return sendText(res, 200, "text/csv", timelineCsv(body), downloadName({ title: body.title, suffix: "timeline", extension: "csv" }));
        sendJson(res, 200, body);
      },
    },
    ...createItemRoutes({ rooms, logger, maxBodyBytes: options.maxBodyBytes, boardOr404, authorize, parse: parseOr400 }),
    ...createSeatRoutes({ store, rooms, logger, seatsPerBoard: options.seatsPerBoard, boardOr404, authorize, parse: parseOr400, takeOr429: (req) => takeOr429(req, "seats", "seats taken") }),
  ];

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const owned = url.pathname === "/healthz" || url.pathname === "/metrics" || url.pathname.startsWith("/api/");
    if (!owned) return false;
    try {
      const matches = routes.filter((r) => r.pattern.test(url.pathname));
      if (matches.length === 0) throw new HttpError(404, "no such endpoint");
      const route = matches.find((r) => r.method === req.method);
      if (!route) {
        res.setHeader("Allow", matches.map((r) => r.method).join(", "));
        throw new HttpError(405, `method ${req.method} not allowed`);
      }
      let params: string[];
      try {
        params = url.pathname.match(route.pattern)!.slice(1).map(decodeURIComponent);
      } catch {
        throw new HttpError(404, "no such endpoint");
      }
      await route.handler(req, res, params, url);
    } catch (caught) {
      const err =
        caught instanceof RoomUnavailableError
          ? new HttpError(503, caught.message)
          : caught instanceof BoardGoneError
            ? new HttpError(404, "unknown board")
            : caught;
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader("Connection", "close");
        sendError(res, err);
      } else {
        logger.error("request failed", { method: req.method, path: url.pathname, error: String(err) });
        if (!res.headersSent) sendError(res, new HttpError(500, "internal error"));
        else res.destroy();
      }
    }
    return true;
  };
}
