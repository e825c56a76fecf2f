import pino from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * One JSON object per line, so logs can be grepped and shipped as they are:
 * `{"level":"info","time":"…Z","pid":…,"hostname":"…",<fields>,"msg":"…"}`. Written with pino
 * straight to stdout (or to `write`, one line at a time without its newline, where tests collect
 * them). No pino transport: those run in a worker thread that a bundled server cannot load.
 */
export function createLogger(level: LogLevel = "info", write?: (line: string) => void): Logger {
  const destination = write
    ? { write: (line: string) => write(line.endsWith("\n") ? line.slice(0, -1) : line) }
    : // Synchronous like process.stdout on Linux pipes, so nothing logged before an exit is lost.
      pino.destination({ dest: 1, sync: true });
  const log = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const at = (lvl: Exclude<LogLevel, "silent">) => (msg: string, fields?: Record<string, unknown>) => {
    if (fields) log[lvl](fields, msg);
    else log[lvl](msg);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

const ignore = () => {};
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
