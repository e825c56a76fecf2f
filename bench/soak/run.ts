/*
 * npm run soak — boards of people and fast bots writing while the server is killed with SIGKILL
 * at random moments and restarted on the same data; then every client must have converged and
 * the store must hold everything any client saw relayed. Prints a table; exits 1 on any loss.
 */
import { USAGE, parseSoakArgs } from "./options";
import { soakTable } from "./report";
import { cleanUp, runSoak } from "./soak";

async function main(): Promise<number> {
  let options;
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const result = await runSoak(options, (line) => console.error(`soak: ${line}`));
  console.log(soakTable(result));
  if (result.failures.length > 0) {
    console.error(`soak: FAILED; the server's log and store are kept in ${result.dataDir}`);
    return 1;
  }
  cleanUp(result);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
