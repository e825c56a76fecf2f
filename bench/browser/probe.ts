/*
 * What the bench installs in each board page, before the app's own scripts
 * run. Everything here executes inside Chromium: `installProbe` is
 * serialised by Playwright, so it may use nothing from this module's scope.
 *
 * Clock: every timestamp is `performance.timeOrigin + performance.now()`
 * (epoch ms with sub-ms resolution), comparable across pages of one machine;
 * run.ts measures and reports how far the pages' clocks and Node's disagree.
 */

export interface WireEvent {
  /** Epoch ms. */
  t: number;
  /** y-websocket message type: 0 sync, 1 awareness; -1 when not binary. */
  type: number;
  /** For sync messages: 0 step 1, 1 step 2, 2 update. */
  sub: number;
  bytes: number;
}

export interface PointerUp {
  /** The event's own timestamp (when the input was generated), epoch ms. */
  eventAt: number;
  /** When the first (capture) listener ran, epoch ms. */
  handlerAt: number;
}

export interface PaintObservation {
  /** Epoch ms when the watch was armed. */
  armedAt: number;
  /** The last sync message received before the change reached the DOM. */
  receivedAt: number | null;
  /** The MutationObserver callback that saw the dot move (right after React's commit). */
  mutationAt: number;
  /** The frame's begin time, as passed to requestAnimationFrame callbacks. */
  frameBeginAt: number;
  /** Inside the first requestAnimationFrame callback after the mutation: the frame that paints it has started. */
  rafAt: number;
  /** A task posted from that callback: runs once the frame's style, layout and paint are done. */
  postFrameAt: number;
  left: string;
  top: string;
}

export interface LoafScript {
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  duration: number;
  forcedStyleAndLayoutDuration: number;
}

export interface LoafEntry {
  startTime: number;
  duration: number;
  blockingDuration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: LoafScript[];
}

export interface FrameLog {
  /** requestAnimationFrame timestamps (performance.now() units), one per frame produced. */
  frames: number[];
  loafs: LoafEntry[];
  startedAt: number;
  stoppedAt: number;
  /** Sync messages received during the window. */
  syncMessages: number;
}

export interface Probe {
  now(): number;
  clocks(): { perf: number; date: number };
  visibility(): string;
  sends: WireEvent[];
  recvs: WireEvent[];
  pointerUps: PointerUp[];
  clearLogs(): void;
  dotStyle(key: string): { left: string; top: string } | null;
  /** Starts watching for the dot `key` to move; `result` resolves once it has been painted. */
  arm(key: string): void;
  result(timeoutMs: number): Promise<PaintObservation | null>;
  startFrames(): void;
  stopFrames(): FrameLog;
}

export type ProbeWindow = Window & { __cruxBench: Probe };

/** The page-side probe; the `window.__cruxBench` it defines is read by the bench through page.evaluate. */
export function installProbe(): void {
  const w = window as unknown as ProbeWindow & { __cruxBenchInstalled?: boolean };
  if (w.__cruxBenchInstalled) return;
  w.__cruxBenchInstalled = true;
  const now = () => performance.timeOrigin + performance.now();

  const sends: WireEvent[] = [];
  const recvs: WireEvent[] = [];
  const pointerUps: PointerUp[] = [];

  const describe = (data: unknown, t: number): WireEvent => {
    let bytes: Uint8Array | null = null;
    if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
    else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (!bytes) return { t, type: -1, sub: -1, bytes: typeof data === "string" ? data.length : 0 };
    return { t, type: bytes[0] ?? -1, sub: bytes.length > 1 ? bytes[1]! : -1, bytes: bytes.byteLength };
  };

  // The provider is created after this runs, so it picks up the wrapped constructor.
  const Native = window.WebSocket;
  const Wrapped = function (this: unknown, url: string | URL, protocols?: string | string[]) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    // Added before the provider sets onmessage, so this runs first: the arrival time, not the handling time.
    ws.addEventListener("message", (e: MessageEvent) => {
      recvs.push(describe(e.data, now()));
    });
    const send = ws.send.bind(ws);
    ws.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
      sends.push(describe(data, now()));
      send(data);
    };
    return ws;
  } as unknown as typeof WebSocket;
  Object.defineProperties(Wrapped, {
    prototype: { value: Native.prototype },
    CONNECTING: { value: Native.CONNECTING },
    OPEN: { value: Native.OPEN },
    CLOSING: { value: Native.CLOSING },
    CLOSED: { value: Native.CLOSED },
  });
  window.WebSocket = Wrapped;

  window.addEventListener(
    "pointerup",
    (e) => {
      pointerUps.push({ eventAt: performance.timeOrigin + e.timeStamp, handlerAt: now() });
    },
    { capture: true },
  );

  const dotSelector = (key: string) => `[data-dot="${CSS.escape(key)}"]`;
  let pending: Promise<PaintObservation> | null = null;
  let observer: MutationObserver | null = null;

  const frames: number[] = [];
  const loafs: LoafEntry[] = [];
  let framesOn = false;
  let frameLoop = 0;
  let framesStartedAt = 0;
  let recvsAtStart = 0;
  let loafObserver: PerformanceObserver | null = null;

  const toLoaf = (raw: PerformanceEntry): LoafEntry => {
    const e = raw as PerformanceEntry & {
      blockingDuration?: number;
      renderStart?: number;
      styleAndLayoutStart?: number;
      scripts?: Array<Record<string, unknown>>;
    };
    return {
      startTime: e.startTime,
      duration: e.duration,
      blockingDuration: e.blockingDuration ?? 0,
      renderStart: e.renderStart ?? 0,
      styleAndLayoutStart: e.styleAndLayoutStart ?? 0,
      scripts: (e.scripts ?? []).map((s) => ({
        invoker: String(s.invoker ?? ""),
        invokerType: String(s.invokerType ?? ""),
        sourceURL: String(s.sourceURL ?? ""),
        sourceFunctionName: String(s.sourceFunctionName ?? ""),
        sourceCharPosition: Number(s.sourceCharPosition ?? -1),
        duration: Number(s.duration ?? 0),
        forcedStyleAndLayoutDuration: Number(s.forcedStyleAndLayoutDuration ?? 0),
      })),
    };
  };

  const probe: Probe = {
    now,
    clocks: () => ({ perf: now(), date: Date.now() }),
    visibility: () => document.visibilityState,
    sends,
    recvs,
    pointerUps,
    clearLogs() {
      sends.length = 0;
      recvs.length = 0;
      pointerUps.length = 0;
    },
    dotStyle(key) {
      const el = document.querySelector<HTMLElement>(dotSelector(key));
      return el ? { left: el.style.left, top: el.style.top } : null;
    },
    arm(key) {
      observer?.disconnect();
      const before = probe.dotStyle(key);
      const armedAt = now();
      pending = new Promise<PaintObservation>((resolve) => {
        const seen = () => {
          const el = document.querySelector<HTMLElement>(dotSelector(key));
          if (!el) return;
          if (before && el.style.left === before.left && el.style.top === before.top) return;
          observer?.disconnect();
          observer = null;
          const mutationAt = now();
          let receivedAt: number | null = null;
          for (const r of recvs) if (r.type === 0 && r.t >= armedAt && r.t <= mutationAt) receivedAt = r.t;
          const left = el.style.left;
          const top = el.style.top;
          requestAnimationFrame((frameTs) => {
            const rafAt = now();
            setTimeout(() => {
              resolve({
                armedAt,
                receivedAt,
                mutationAt,
                frameBeginAt: performance.timeOrigin + frameTs,
                rafAt,
                postFrameAt: now(),
                left,
                top,
              });
            }, 0);
          });
        };
        observer = new MutationObserver(seen);
        observer.observe(document.querySelector("[role=grid]") ?? document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ["style"],
        });
      });
    },
    result(timeoutMs) {
      const watched = pending;
      const watcher = observer;
      pending = null;
      if (!watched) return Promise.resolve(null);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<null>((resolve) => {
        timer = setTimeout(() => {
          // Only this watch's observer: a later watch may have been armed since.
          watcher?.disconnect();
          if (observer === watcher) observer = null;
          resolve(null);
        }, timeoutMs);
      });
      return Promise.race([watched, expired]).finally(() => clearTimeout(timer));
    },
    startFrames() {
      frames.length = 0;
      loafs.length = 0;
      framesOn = true;
      framesStartedAt = performance.now();
      recvsAtStart = recvs.length;
      const generation = ++frameLoop;
      const loop = (ts: number) => {
        if (!framesOn || generation !== frameLoop) return;
        frames.push(ts);
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
      try {
        loafObserver = new PerformanceObserver((list) => {
          for (const raw of list.getEntries()) loafs.push(toLoaf(raw));
        });
        loafObserver.observe({ type: "long-animation-frame", buffered: false });
      } catch {
        loafObserver = null; // Not supported: frames are still measured by requestAnimationFrame.
      }
    },
    stopFrames() {
      framesOn = false;
      if (loafObserver) {
        for (const raw of loafObserver.takeRecords()) loafs.push(toLoaf(raw));
        loafObserver.disconnect();
      }
      loafObserver = null;
      const syncMessages = recvs.slice(recvsAtStart).filter((r) => r.type === 0).length;
      return { frames: frames.slice(), loafs: loafs.slice(), startedAt: framesStartedAt, stoppedAt: performance.now(), syncMessages };
    },
  };
  w.__cruxBench = probe;
}
