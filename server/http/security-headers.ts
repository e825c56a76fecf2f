import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SecurityOptions {
  /** Origins that may show the pages in a frame; empty: none may. */
  frameAncestors: readonly string[];
  /** Next's development server evaluates code it sends: 'unsafe-eval' is allowed then, and only then. */
  dev: boolean;
}

/** Powerful features nothing here uses; the clipboard (copy buttons) keeps its default, this origin only. */
const PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

/** A Host header fit to be written into a policy: a name or an address, and a port. */
const HOST_PATTERN = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The headers every response carries, and the Content-Security-Policy of pages: scripts only from
 * this origin or with the page's nonce, which Next.js reads from the request's own
 * Content-Security-Policy header and puts on every script it writes into the page.
 */
export function createSecurityHeaders(options: SecurityOptions) {
  const framing = options.frameAncestors.length > 0 ? options.frameAncestors.join(" ") : "'none'";
  const common: Record<string, string> = {
    // Board links carry their key in the query: no page may tell another site where it came from.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    // X-Frame-Options can name no list of origins: it is sent only when no site may frame the pages.
    ...(options.frameAncestors.length === 0 ? { "X-Frame-Options": "DENY" } : {}),
  };
  /** JSON, CSV and SVG answers run nothing, load nothing, and show in no frame. */
  const apiPolicy = `default-src 'none'; frame-ancestors ${framing}; base-uri 'none'; form-action 'none'`;

  function pagePolicy(nonce: string, host: string | undefined): string {
    // 'self' covers this origin's websocket in current browsers; the explicit ws(s) origin serves older ones.
    const sockets = host && HOST_PATTERN.test(host) ? ` ws://${host} wss://${host}` : "";
    return [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ""}`,
      // React writes style attributes (positions on the grid) and Next inlines some CSS; a style cannot run code.
      "style-src 'self' 'unsafe-inline'",
      // data: and blob: for pictures drawn in the page (a board's picture is rasterized from a blob).
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self'${sockets}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${framing}`,
    ].join("; ");
  }

  return {
    /** Headers for an answer of the API (or any answer that is not a page). */
    forApi(res: ServerResponse): void {
      for (const [name, value] of Object.entries(common)) res.setHeader(name, value);
      res.setHeader("Content-Security-Policy", apiPolicy);
    },
    /** Headers for a page; the request gets the same policy, where Next.js finds the nonce. */
    forPage(req: IncomingMessage, res: ServerResponse): void {
      const policy = pagePolicy(randomBytes(16).toString("base64"), req.headers.host);
      req.headers["content-security-policy"] = policy;
      delete req.headers["content-security-policy-report-only"];
      for (const [name, value] of Object.entries(common)) res.setHeader(name, value);
      res.setHeader("Content-Security-Policy", policy);
    },
  };
}
