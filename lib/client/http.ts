import type { z } from "zod/mini";
import { ApiErrorSchema, type ApiError } from "../api/schemas";

/** Why a request to the API gave nothing usable. An aborted request is not one: its AbortError is passed on as it is. */
export type Failure =
  | { kind: "unreachable" }
  | { kind: "refused"; status: number; body: ApiError | null; retryAfterSeconds: number | null }
  /** The answer did not match its schema; `what` names what was expected ("a snapshot"), `detail` the first mismatch. */
  | { kind: "unreadable"; what: string; detail?: string };

/**
 * A failed request. Its message is already the words a person reads
 * (describeError), so code that shows `error.message` shows those.
 */
export class ApiFailure extends Error {
  constructor(readonly failure: Failure) {
    super(describeFailure(failure));
    this.name = "ApiFailure";
  }

  /** The status the server answered with, if it answered. */
  get status(): number | null {
    return this.failure.kind === "refused" ? this.failure.status : null;
  }

  /** The server's own `{ error, path }`, if it sent one. */
  get body(): ApiError | null {
    return this.failure.kind === "refused" ? this.failure.body : null;
  }
}

const seconds = (n: number) => (n === 1 ? "1 second" : n < 120 ? `${n} seconds` : `${Math.ceil(n / 60)} minutes`);

/** Our own words for what a status says about the board or code a person holds; the server's words otherwise. */
function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case "unreachable":
      return "The server could not be reached.";
    case "unreadable":
      return `The server sent ${failure.what} this page does not understand${failure.detail ? ` (${failure.detail})` : ""}.`;
    case "refused": {
      const said = failure.body?.error;
      switch (failure.status) {
        case 401:
          return "This key does not open this board.";
        case 403:
          return said?.startsWith("this needs the facilitator") ? "Only the facilitator's key can do this." : "This key does not open this board.";
        case 404:
          if (said?.includes("snapshot")) return "This snapshot does not exist.";
          if (said?.includes("code")) return "No board has this join code.";
          return "This board does not exist.";
        case 410:
          return "This join code has expired. Ask the facilitator to show a new one.";
        case 413:
          return said ?? "That is more than the server accepts.";
        case 429:
          return `Too many tries. Wait ${seconds(failure.retryAfterSeconds ?? 60)}, then try again.`;
        default:
          // The server's own words are written for people; a crash's are not, so they come with the status.
          if (said && failure.status < 500) return said;
          return `The server answered ${failure.status}${said ? `: ${said}` : ""}.`;
      }
    }
  }
}

/**
 * The words a person reads for anything a request to the API threw. With
 * `failedAction` ("The board could not be created") they say what did not
 * happen first: "…: <the server's words>" or "…. <our sentence>".
 */
export function describeError(error: unknown, failedAction?: string): string {
  const words = error instanceof Error ? error.message : String(error);
  if (!failedAction) return words;
  const serverWords = error instanceof ApiFailure && error.body?.error === words;
  // Something the person can do about it, where there is something.
  const advice = error instanceof ApiFailure && error.failure.kind === "unreachable" ? " Check your connection and try again." : "";
  return serverWords ? `${failedAction}: ${words}` : `${failedAction}. ${words}${advice}`;
}

const retryAfterOf = (res: Response): number | null => {
  const value = Number(res.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;
};

interface Call<S extends z.ZodMiniType> {
  method?: "GET" | "POST" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** The one status that means success: 200 unless given. */
  expect?: number;
  schema: S;
  /** What the answer is, for the words when it does not parse: "a snapshot", "a join code". */
  what?: string;
}

/**
 * The one place the browser talks to the API: every answer is checked against
 * its schema in lib/api before anyone reads it, and every failure becomes an
 * ApiFailure.
 */
export async function callApi<S extends z.ZodMiniType>(path: string, call: Call<S>): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: call.method ?? "GET",
      cache: "no-store",
      signal: call.signal,
      ...(call.body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(call.body) }),
    });
  } catch (err) {
    if (call.signal?.aborted) throw err;
    throw new ApiFailure({ kind: "unreachable" });
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (call.signal?.aborted) throw call.signal.reason;
  if (res.status !== (call.expect ?? 200)) {
    const body = ApiErrorSchema.safeParse(json);
    throw new ApiFailure({ kind: "refused", status: res.status, body: body.success ? body.data : null, retryAfterSeconds: retryAfterOf(res) });
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure({ kind: "unreadable", what: call.what ?? "an answer" });
  return parsed.data;
}

/** `/api/boards/<id><rest>?key=…`, with the query's other values after the key. */
export const boardPath = (boardId: string, rest: string, key: string, query: Record<string, string> = {}) =>
  `/api/boards/${encodeURIComponent(boardId)}${rest}?${new URLSearchParams({ ...query, key })}`;
