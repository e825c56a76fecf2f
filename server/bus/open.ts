import os from "node:os";
import { randomBytes } from "node:crypto";
import type { Env } from "../../lib/env";
import type { Logger } from "../log";
import { createLocalBus } from "./local";
import { createRedisBus } from "./redis";
import type { Bus } from "./types";

/** Redis between nodes when REDIS_URL is set; otherwise this process is the only node. */
export async function openBus(env: Env, logger: Logger): Promise<Bus> {
  if (!env.REDIS_URL) return createLocalBus();
  const nodeId = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  logger.info("bus: redis", { prefix: env.REDIS_PREFIX, node: nodeId });
  return createRedisBus({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger, nodeId });
}
