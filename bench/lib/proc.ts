import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

let clockTicks: number | null = null;

function ticksPerSecond(): number {
  if (clockTicks !== null) return clockTicks;
  try {
    clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    clockTicks = 100;
  }
  return clockTicks;
}

/** utime + stime of one process (not its children), in seconds. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses; the
    // numeric fields start after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
    return (utime + stime) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** CPU seconds of all of `pids` together, or null if one of them is gone (or never started). */
export function cpuSecondsOf(pids: Array<number | undefined>): number | null {
  let total = 0;
  for (const pid of pids) {
    const s = pid === undefined ? null : readCpuSeconds(pid);
    if (s === null) return null;
    total += s;
  }
  return total;
}

export interface MemoryReading {
  rssMb: number;
  /** Kernel-tracked peak RSS over the whole life of the process. */
  hwmMb: number;
}

export function readMemory(pid: number): MemoryReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string): number => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
      return m ? Number(m[1]) : NaN;
    };
    const rss = kb("VmRSS");
    const hwm = kb("VmHWM");
    if (!Number.isFinite(rss)) return null;
    return { rssMb: rss / 1024, hwmMb: Number.isFinite(hwm) ? hwm / 1024 : rss / 1024 };
  } catch {
    return null;
  }
}

/** Bytes the process caused to be sent to the storage layer, if the kernel exposes it. */
export function readWriteBytes(pid: number): number | null {
  try {
    const io = readFileSync(`/proc/${pid}/io`, "utf8");
    const m = /^write_bytes:\s+(\d+)/m.exec(io);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Bytes written by all of `pids` together, or null where the kernel does not say. */
export function writeBytesOf(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const b = readWriteBytes(pid);
    if (b === null) return null;
    total += b;
  }
  return total;
}

/**
 * Machine-wide user+nice+system CPU seconds (all cores) from /proc/stat.
 * Interrupt and softirq time is left out: on loopback most of it is network
 * work caused by the benchmark itself.
 */
export function readMachineCpuSeconds(): number | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = NaN, nice = NaN, system = NaN] = f;
    const total = user + nice + system;
    return Number.isFinite(total) ? total / ticksPerSecond() : null;
  } catch {
    return null;
  }
}
