import * as Y from "yjs";
import { nameKey } from "../../lib/board/people";
import type { RootName } from "../../lib/board/schema";

/*
 * What a seated participant may write (contract v2, "Seats"): only what is their own. Used by the
 * inspect stage (./inspect.ts) on every entry an update writes or deletes.
 */

// Bound once, as in ./inspect.ts: every access through the module namespace costs a getter call.
const { ContentAny } = Y;

/** A field of a decoded JSON object, or undefined when the value is not one. */
function fieldOf(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

/** The last value a map entry's struct holds, when it still holds one (content of a deleted struct may be gone). */
function valueOf(item: Y.Item): unknown {
  const content = item.content;
  return content instanceof ContentAny ? content.arr[content.arr.length - 1] : undefined;
}

/**
 * Why a seated participant may not write `value` (undefined: the update deletes it again, or none)
 * to `key` of `root`, or null when they may. `current` is the entry's value on the board now, when
 * there is one. Only what is the owner's own may be written: their placements, under their id and
 * naming them; items they created, never over someone else's; their own entry.
 */
export function notOwnReason(owner: string, root: RootName, key: string, value: unknown, hasValue: boolean, current: Y.Item | undefined, doc: Y.Doc): string | null {
  switch (root) {
    case "placements": {
      const split = key.lastIndexOf(":");
      if (split <= 0 || key.slice(split + 1) !== owner) return "a participant can place only their own notes";
      if (hasValue && (fieldOf(value, "participant") !== owner || fieldOf(value, "item") !== key.slice(0, split))) {
        return "a placement must name its own item and participant";
      }
      return null;
    }
    case "items":
      if (current && (current.deleted || fieldOf(valueOf(current), "createdBy") !== owner)) {
        return current.deleted ? "a deleted item's id cannot be used again" : "a participant can change only items they added";
      }
      if (hasValue && (fieldOf(value, "createdBy") !== owner || fieldOf(value, "id") !== key)) return "a participant's new item must be their own";
      return null;
    case "participants":
      if (key !== owner || (hasValue && fieldOf(value, "id") !== owner)) return "a participant can change only their own entry";
      if (hasValue && takesAnotherName(doc, owner, fieldOf(value, "name"), current)) return "someone on this board already has this name";
      return null;
    default:
      return null;
  }
}

/**
 * Whether an entry's new name is another person's (as taking a seat checks): a name is how people
 * tell each other apart. Keeping the name the entry has is never refused, even one shared since
 * before seats, so a colour change goes through.
 */
function takesAnotherName(doc: Y.Doc, owner: string, name: unknown, current: Y.Item | undefined): boolean {
  if (typeof name !== "string") return false; // not a name: readers skip the entry
  const key = nameKey(name);
  const before = current && !current.deleted ? fieldOf(valueOf(current), "name") : undefined;
  if (typeof before === "string" && nameKey(before) === key) return false;
  const participants = doc.share.get("participants") as Y.Map<unknown> | undefined;
  for (const [id, entry] of participants?.entries() ?? []) {
    const other = fieldOf(entry, "name");
    if (id !== owner && typeof other === "string" && nameKey(other) === key) return true;
  }
  return false;
}
