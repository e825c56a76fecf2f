import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ServerTime } from "../../lib/api/schemas";
import type { Metrics } from "../metrics";
import type { Route } from "./board-routes";
import { HttpError, sendJson, sendText } from "./respond";

/** What the operations endpoints (health, time, metrics) read. */
export interface OpsRouteDeps {
  metrics: Metrics;
  /** The dependencies that are down (./health.ts). */
  health(): Promise<string[]>;
  startedAt: number;
  storeName: string;
  busName: string;
  /** Set: /metrics answers only requests that carry it as `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
}

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return given !== "" && timingSafeEqual(digest(given), digest(token));
}

/** `/healthz`, `/api/time` and `/metrics`: what balancers, clocks and scrapers ask, about no board. */
export function createOpsRoutes(deps: OpsRouteDeps): Route[] {
  const { metrics } = deps;
  return [
    {
      method: "GET",
      pattern: /^\/healthz$/,
      handler: async (_req, res) => {
        // 503 names what is down, so a balancer takes this node out and an operator knows why.
        const down = await deps.health();
        sendJson(res, down.length === 0 ? 200 : 503, {
          ok: down.length === 0,
          ...(down.length > 0 ? { down } : {}),
          uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
          store: deps.storeName,
          bus: deps.busName,
          ...metrics.counts(),
        });
      },
    },
    {
      // The server's clock, so every browser can count a timer down to the same moment whatever its own clock says.
      method: "GET",
      pattern: /^\/api\/time$/,
      handler: async (_req, res) => {
        const time: ServerTime = { now: Date.now() };
        sendJson(res, 200, time);
      },
    },
    {
      method: "GET",
      pattern: /^\/metrics$/,
      handler: async (req, res) => {
        if (deps.metricsToken !== undefined && !bearerMatches(req, deps.metricsToken)) {
          throw new HttpError(401, "/metrics needs the metrics token: send Authorization: Bearer <METRICS_TOKEN>", undefined, { "WWW-Authenticate": 'Bearer realm="metrics"' });
        }
        sendText(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
      },
    },
  ];
}
