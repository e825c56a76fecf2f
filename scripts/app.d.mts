import type { StdioOptions } from "node:child_process";

export const ROOT: string;
export const SERVER_ARGS: string[];
export function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function serverBuildIsCurrent(): boolean;
export function ensureBuilt(options?: { log?: (msg: string) => void; stdio?: StdioOptions }): Promise<void>;
