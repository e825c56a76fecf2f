import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiError } from "../../lib/api/schemas";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path?: string,
    /** Sent with the error, such as Retry-After with a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
    /** The abuse limit that refused the request (with a 429). */
    readonly limit?: string,
  ) {
    super(message);
  }
}

const BASE_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

/** A list refused because of some of its lines (400): each line with why, so the person can fix them. */
export class RefusedLinesError extends HttpError {
  constructor(
    message: string,
    readonly lines: ReadonlyArray<{ line: number; message: string }>,
  ) {
    super(400, message, "text");
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, filename?: string): void {
  const headers: Record<string, string | number> = {
    ...BASE_HEADERS,
    "Content-Type": `${contentType}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(text),
  };
  if (filename) headers["Content-Disposition"] = `attachment; filename="${filename}"`;
  res.writeHead(status, headers);
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  const body: ApiError = {
    error: err.message,
    ...(err.path ? { path: err.path } : {}),
    ...(err.limit ? { limit: err.limit } : {}),
    ...(err instanceof RefusedLinesError ? { lines: [...err.lines] } : {}),
  };
  sendJson(res, err.status, body);
}

/** A 429 from an abuse limit: how long to wait (Retry-After, in seconds) and which limit it was. */
export function tooMany(limit: string, retryAfterSeconds: number, message: string): HttpError {
  return new HttpError(429, `${message}; try again in ${retryAfterSeconds} s`, undefined, { "Retry-After": String(retryAfterSeconds) }, limit);
}

/** Reads a JSON body, refusing (413) before buffering more than `limit` bytes. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "body must be JSON (Content-Type: application/json)");
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw new HttpError(413, `body is larger than the ${limit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new HttpError(413, `body is larger than the ${limit}-byte limit`);
    chunks.push(chunk);
  }
  // Some editors save JSON with a byte order mark; it is not part of the document.
  const text = Buffer.concat(chunks).toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `body is not valid JSON: ${(err as Error).message}`, "(root)");
  }
}
