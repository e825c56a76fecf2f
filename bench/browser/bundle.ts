import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { constants, gzipSync } from "node:zlib";
import type { Browser, Response } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { sleep } from "../lib/clock";
import { ROOT } from "./app";
import { VIEWPORT } from "./pages";

/** The product's budget for the board route's first-load JavaScript, gzipped. */
export const FIRST_LOAD_BUDGET_BYTES = 250 * 1024;
const ROUTE = "/b/[id]/page";

const gzipBytes = (buf: Buffer) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).byteLength;

export interface LoadedChunk {
  path: string;
  rawBytes: number;
  gzipBytes: number;
  /** What the server sent it as (Content-Encoding), and how many bytes went over the wire if known. */
  contentEncoding: string | null;
  /** Where the build manifests list it for this route. */
  roles: string[];
}

export interface RouteManifest {
  found: boolean;
  rootMainFiles: string[];
  /** Served with nomodule: browsers that run modules, all current ones, never fetch them. */
  polyfillFiles: string[];
  layoutFiles: string[];
  pageFiles: string[];
  /** next/dynamic imports of the route (the board client), by module id. */
  dynamicFiles: string[];
  /** Chunks of the client components the route's server components render (e.g. next/link). */
  clientComponentFiles: string[];
  /** Entry and client-component chunks of the app's other routes, which the page may prefetch. */
  otherRoutes: Record<string, string[]>;
  /** Gzipped bytes on disk of every chunk above except the polyfills. */
  gzipBytes: number;
}

export interface BundleReport {
  route: string;
  chunks: LoadedChunk[];
  totalRawBytes: number;
  totalGzipBytes: number;
  /** Loaded chunks the manifests list for this route; the rest are prefetches of other routes. */
  routeGzipBytes: number;
  prefetchGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
  manifest: RouteManifest;
  /** Listed for the route but not loaded (other than polyfills). */
  listedNotLoaded: string[];
  document: { rawBytes: number; gzipBytes: number } | null;
  /** From navigation start to the "Live" badge. */
  timeToLiveMs: number;
}

export function readRouteManifest(): RouteManifest {
  const next = path.join(ROOT, ".next");
  const empty: RouteManifest = {
    found: false,
    rootMainFiles: [],
    polyfillFiles: [],
    layoutFiles: [],
    pageFiles: [],
    dynamicFiles: [],
    clientComponentFiles: [],
    otherRoutes: {},
    gzipBytes: 0,
  };
  const buildManifest = path.join(next, "build-manifest.json");
  if (!existsSync(buildManifest)) return empty;
  const build = JSON.parse(readFileSync(buildManifest, "utf8")) as { rootMainFiles?: string[]; polyfillFiles?: string[] };
  const out: RouteManifest = { ...empty, found: true, rootMainFiles: build.rootMainFiles ?? [], polyfillFiles: build.polyfillFiles ?? [] };

  for (const [route, m] of readClientManifests(path.join(next, "server", "app"))) {
    if (route === ROUTE) {
      out.layoutFiles = m.entryJSFiles["[project]/app/layout"] ?? [];
      out.pageFiles = m.entryJSFiles[`[project]/app${ROUTE.replace(/\/page$/, "")}/page`] ?? [];
      out.clientComponentFiles = m.clientChunks;
    } else {
      out.otherRoutes[route.replace(/\/page$/, "") || "/"] = Array.from(new Set([...Object.values(m.entryJSFiles).flat(), ...m.clientChunks]));
    }
  }
  const loadable = path.join(next, "server", "app", "b", "[id]", "page", "react-loadable-manifest.json");
  if (existsSync(loadable)) {
    const m = JSON.parse(readFileSync(loadable, "utf8")) as Record<string, { files?: string[] }>;
    out.dynamicFiles = Array.from(new Set(Object.values(m).flatMap((v) => v.files ?? [])));
  }
  const listed = new Set([...out.rootMainFiles, ...out.layoutFiles, ...out.pageFiles, ...out.dynamicFiles]);
  for (const file of listed) {
    const onDisk = path.join(next, file);
    if (existsSync(onDisk)) out.gzipBytes += gzipBytes(readFileSync(onDisk));
  }
  return out;
}

interface ClientManifest {
  entryJSFiles: Record<string, string[]>;
  /** Chunk files, as "static/chunks/…". */
  clientChunks: string[];
}

type RawClientManifest = { entryJSFiles?: Record<string, string[]>; clientModules?: Record<string, { chunks?: string[] }> };

/** Every route's client reference manifest under .next/server/app, by route ("/b/[id]/page"). */
function readClientManifests(dir: string): Map<string, ClientManifest> {
  const out = new Map<string, ClientManifest>();
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("page_client-reference-manifest.js"));
  for (const file of files) {
    // Next writes the manifest as a script that assigns a global; run it in a bare context.
    const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, RawClientManifest> } = {};
    sandbox.globalThis = sandbox;
    try {
      vm.runInNewContext(readFileSync(path.join(dir, file), "utf8"), sandbox, { timeout: 1000 });
    } catch {
      continue;
    }
    for (const [route, m] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
      const clientChunks = Object.values(m.clientModules ?? {}).flatMap((c) => (c.chunks ?? []).map((f) => f.replace(/^\/_next\//, "")));
      out.set(route, { entryJSFiles: m.entryJSFiles ?? {}, clientChunks: Array.from(new Set(clientChunks)) });
    }
  }
  return out;
}

const isRouteChunk = (c: LoadedChunk) => c.roles.length > 0 && !c.roles.some((r) => r.startsWith("prefetch"));

function rolesOf(chunkPath: string, m: RouteManifest): string[] {
  const file = chunkPath.replace(/^\/_next\//, "");
  const roles: string[] = [];
  if (m.rootMainFiles.includes(file)) roles.push("root main");
  if (m.polyfillFiles.includes(file)) roles.push("polyfill");
  if (m.layoutFiles.includes(file)) roles.push("layout");
  if (m.pageFiles.includes(file)) roles.push("page");
  if (m.dynamicFiles.includes(file)) roles.push("dynamic import (board client)");
  if (roles.length === 0 && m.clientComponentFiles.includes(file)) roles.push("client component");
  if (roles.length === 0) {
    const routes = Object.entries(m.otherRoutes).filter(([, files]) => files.includes(file)).map(([route]) => route);
    if (routes.length > 0) roles.push(`prefetch: ${routes.join(", ")}`);
  }
  return roles;
}

/**
 * Opens the board once in a fresh context (empty cache) and gzips every
 * JavaScript response the page receives until it is live and settled,
 * including the board client that next/dynamic loads after hydration.
 */
export async function measureFirstLoad(
  browser: Browser,
  url: string,
  board: CreatedBoard,
  person: { id: string; name: string },
  settleMs: number,
): Promise<BundleReport> {
  const manifest = readRouteManifest();
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    await context.addInitScript(
      ({ boardId, id, name }) => {
        localStorage.setItem("cruxboard:name", name);
        localStorage.setItem(`cruxboard:participant:${boardId}`, id);
      },
      { boardId: board.id, ...person },
    );
    const page = await context.newPage();
    const pending: Array<Promise<void>> = [];
    const chunks: LoadedChunk[] = [];
    let html: BundleReport["document"] = null;
    const onResponse = (res: Response) => {
      const u = new URL(res.url());
      if (u.origin !== url) return;
      const isJs = res.request().resourceType() === "script" || u.pathname.endsWith(".js");
      const isDoc = res.request().resourceType() === "document";
      if (!isJs && !isDoc) return;
      pending.push(
        res.body().then(
          (body) => {
            if (isDoc) {
              html = { rawBytes: body.byteLength, gzipBytes: gzipBytes(body) };
              return;
            }
            chunks.push({
              path: u.pathname,
              rawBytes: body.byteLength,
              gzipBytes: gzipBytes(body),
              contentEncoding: res.headers()["content-encoding"] ?? null,
              roles: rolesOf(u.pathname, manifest),
            });
          },
          () => {
            // A redirect or an aborted prefetch has no body to measure.
          },
        ),
      );
    };
    page.on("response", onResponse);
    const t0 = Date.now();
    await page.goto(url + board.links.join);
    await page.locator("[role=status]", { hasText: /^Live$/ }).first().waitFor({ timeout: 60_000 });
    const timeToLiveMs = Date.now() - t0;
    await sleep(settleMs);
    page.off("response", onResponse);
    await Promise.all(pending);
    chunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
    const loaded = new Set(chunks.map((c) => c.path.replace(/^\/_next\//, "")));
    const listed = [...manifest.rootMainFiles, ...manifest.layoutFiles, ...manifest.pageFiles, ...manifest.dynamicFiles];
    const totalGzipBytes = chunks.reduce((s, c) => s + c.gzipBytes, 0);
    return {
      route: "/b/<id>",
      chunks,
      totalRawBytes: chunks.reduce((s, c) => s + c.rawBytes, 0),
      totalGzipBytes,
      routeGzipBytes: chunks.filter(isRouteChunk).reduce((s, c) => s + c.gzipBytes, 0),
      prefetchGzipBytes: chunks.filter((c) => !isRouteChunk(c)).reduce((s, c) => s + c.gzipBytes, 0),
      budgetBytes: FIRST_LOAD_BUDGET_BYTES,
      withinBudget: totalGzipBytes <= FIRST_LOAD_BUDGET_BYTES,
      manifest,
      listedNotLoaded: Array.from(new Set(listed.filter((f) => !loaded.has(f)))),
      document: html,
      timeToLiveMs,
    };
  } finally {
    await context.close();
  }
}
