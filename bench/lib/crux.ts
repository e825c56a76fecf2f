import { existsSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const CRUX_MODULES = ["server/index.ts", "server/storage/sqlite.ts"] as const;

export function missingCruxModules(): string[] {
  return CRUX_MODULES.filter((m) => !existsSync(path.join(REPO_ROOT, m)));
}
