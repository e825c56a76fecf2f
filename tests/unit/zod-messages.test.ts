import { describe, expect, it } from "vitest";
// Only this module of the shared schemas: its messages must not depend on another having been loaded first.
import { ReplaceKeyBodySchema, ReplacedKeysSchema } from "../../lib/api/link-control";

describe("a shared schema read on its own", () => {
  it("says what is wrong in English, not zod's bare 'Invalid input'", () => {
    expect(ReplacedKeysSchema.safeParse({}).error?.issues[0]?.message).toBe("Invalid input: expected object, received undefined");
    expect(ReplaceKeyBodySchema.safeParse({ role: "viewer", extra: 1 }).error?.issues[0]?.message).toBe('Unrecognized key: "extra"');
  });
});
