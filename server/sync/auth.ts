import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ROLES, type BoardRecord, type Role } from "../storage/types";

/** 16 random bytes: 128 bits, 22 URL-safe characters. */
export const newBoardId = (): string => randomBytes(16).toString("base64url");
/** 18 random bytes: 144 bits, 24 URL-safe characters. */
export const newKey = (): string => randomBytes(18).toString("base64url");

export const hashKey = (key: string): string => createHash("sha256").update(key, "utf8").digest("hex");

export function newKeys(): { keys: Record<Role, string>; hashes: Record<Role, string> } {
  const keys = { facilitator: newKey(), participant: newKey(), viewer: newKey() };
  return {
    keys,
    hashes: { facilitator: hashKey(keys.facilitator), participant: hashKey(keys.participant), viewer: hashKey(keys.viewer) },
  };
}

/** The role a key grants on a board, compared in constant time; null for a wrong key. */
export function roleForKey(board: BoardRecord, key: string): Role | null {
  const candidate = Buffer.from(hashKey(key), "hex");
  let found: Role | null = null;
  for (const role of ROLES) {
    if (timingSafeEqual(candidate, Buffer.from(board.keyHashes[role], "hex"))) found = role;
  }
  return found;
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
