// Compiles the server (server/main.ts and what it imports from server/ and lib/) into one
// CommonJS file, build/server.js, so production runs plain JavaScript: no TypeScript loader
// compiling modules at start-up and none of its hooks in the running process.
// Packages stay external and are loaded from node_modules as they are.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SERVER_BUNDLE = path.join(root, "build", "server.js");

/** What the bundle is made from: when any of it is newer than the bundle, it is rebuilt. */
export const SERVER_SOURCES = ["server", "lib", "package-lock.json", "tsconfig.json", "scripts/build-server.mjs"].map((p) =>
  path.join(root, p),
);

/** esbuild's options for the bundle; the tests build with them too. */
export const SERVER_BUILD_OPTIONS = {
  absWorkingDir: root,
  entryPoints: [path.join(root, "server", "main.ts")],
  outfile: SERVER_BUNDLE,
  bundle: true,
  packages: "external",
  platform: "node",
  target: "node20",
  // CommonJS keeps `__dirname` (Next's project dir) and `require.resolve` (the SQLite checkpoint worker) as they are under tsx.
  format: "cjs",
  sourcemap: true,
  sourcesContent: false,
  logLevel: "warning",
  write: false,
  plugins: [
    {
      // zod's English messages are an ES module under that name; the bundle is CommonJS, and Node before
      // 20.19 cannot require an ES module, so the bundle requires the same file's CommonJS build.
      name: "zod-locale-cjs",
      setup(build) {
        build.onResolve({ filter: /^zod\/v4\/locales\/en\.js$/ }, () => ({ path: "zod/v4/locales/en.cjs", external: true }));
      },
    },
  ],
};

export async function buildServer() {
  const esbuild = await import("esbuild");
  let result;
  try {
    result = await esbuild.build(SERVER_BUILD_OPTIONS);
  } finally {
    // esbuild's service process would otherwise live on beside the server that start.mjs runs next.
    await esbuild.stop();
  }
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  // The map first, each file written beside and renamed into place: a server starting meanwhile never reads half a build.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")));
  for (const file of files) {
    fs.writeFileSync(`${file.path}.partial`, file.contents);
    fs.renameSync(`${file.path}.partial`, file.path);
  }
}

// No top-level await: the benchmarks load this module through tsx, which compiles it to CommonJS.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  buildServer().then(
    () => console.log(`cruxboard: built ${path.relative(root, SERVER_BUNDLE)}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
