// `npm run backup -- <file> [--force]`: an online, consistent copy of the SQLite store under DATA_DIR,
// safe to take while the server runs. Postgres deployments are backed up with pg_dump instead.
import path from "node:path";
import { loadEnv } from "../lib/env";
import { BackupError, backupSqliteFile } from "../server/storage/sqlite-backup";

const USAGE = "usage: npm run backup -- <file> [--force]   (copies DATA_DIR/cruxboard.sqlite to <file>)";

async function main(argv: readonly string[]): Promise<number> {
  const force = argv.includes("--force");
  const unknown = argv.filter((a) => a.startsWith("-") && a !== "--force");
  const files = argv.filter((a) => !a.startsWith("-"));
  if (unknown.length > 0 || files.length !== 1) {
    console.error(unknown.length > 0 ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  let env;
  try {
    env = loadEnv(process.env);
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  if (env.DATABASE_URL) {
    console.error(
      [
        "DATABASE_URL is set: boards are stored in Postgres, which this command does not copy.",
        "Back it up with Postgres's own tools, e.g.",
        '  pg_dump --format=custom --file=cruxboard.dump "$DATABASE_URL"',
        "and restore into an empty database with",
        '  pg_restore --no-owner --dbname="$DATABASE_URL" cruxboard.dump',
      ].join("\n"),
    );
    return 1;
  }
  const source = path.join(path.resolve(env.DATA_DIR), "cruxboard.sqlite");
  try {
    const copied = await backupSqliteFile(source, files[0]!, { force });
    console.log(
      `Copied ${copied.source} to ${copied.target}: ${copied.boards} ${copied.boards === 1 ? "board" : "boards"}, ` +
        `${copied.snapshots} ${copied.snapshots === 1 ? "snapshot" : "snapshots"}, ${copied.bytes} bytes.`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(`backup failed: ${err.message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
