import { z } from "zod/mini";
import "../zod-messages";

/*
 * Bodies and answers of replacing a link (contract v1 additions), apart from ./schemas.ts: only the
 * facilitator's page and the server use them, so a participant's first load never builds them.
 */

/** `POST /api/boards/<id>/keys?key=<facilitator key>`: which link to replace. The facilitator's own cannot be. */
export const ReplaceKeyBodySchema = z.strictObject({
  role: z.enum(["participant", "viewer"], { error: 'must be "participant" or "viewer" (the facilitator key cannot be replaced)' }),
});
export type ReplaceKeyBody = z.infer<typeof ReplaceKeyBodySchema>;

/**
 * `POST /api/boards/<id>/keys` → 200: every key of the board and a link for each, the replaced one new.
 * A board created before links could be replaced keeps no viewer key (nor, before join codes, a
 * participant key): what the server does not hold is null, until that link is replaced itself.
 */
export const ReplacedKeysSchema = z.object({
  keys: z.object({ facilitator: z.string(), participant: z.nullable(z.string()), viewer: z.nullable(z.string()) }),
  links: z.object({ facilitate: z.string(), join: z.nullable(z.string()), view: z.nullable(z.string()) }),
});
export type ReplacedKeys = z.infer<typeof ReplacedKeysSchema>;
