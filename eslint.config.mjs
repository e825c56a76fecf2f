import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/*
 * Where things live (README, "Architecture"). The board document is the only front-end
 * place that touches Yjs; lib/client is the browser's only I/O; views never
 * reach into the server. Tests, benchmarks and scripts drive everything directly.
 */
const EXEMPT = ["tests/**", "bench/**", "scripts/**"];

const YJS_MESSAGE = "Yjs belongs in lib/board/ (the board document) or server/: read and change the board through lib/board's accessors and commands.";
const yjsImports = {
  paths: ["yjs", "y-websocket", "y-indexeddb"].map((name) => ({ name, message: YJS_MESSAGE })),
  patterns: [{ group: ["yjs/*", "y-websocket/*", "y-protocols", "y-protocols/*", "lib0", "lib0/*"], message: YJS_MESSAGE }],
};
// Relative or aliased paths only: "next/server" is another thing.
const serverImport = {
  regex: "^(\\.{1,2}/)+server(/|$)|^@/server(/|$)",
  message: "server/ runs in Node, not in the browser: share shapes through lib/api/ and call the server through lib/client/.",
};

// import("…") is not an import declaration: the same boundaries, for code loaded on demand.
const yjsDynamic = {
  selector: "ImportExpression[source.value=/^(yjs|y-websocket|y-protocols|y-indexeddb|lib0)([/]|$)/]",
  message: "Yjs belongs in lib/board/ (the board document) or server/, also when loaded on demand.",
};
const serverDynamic = {
  selector: "ImportExpression[source.value=/^([.]{1,2}[/])+server([/]|$)|^@[/]server([/]|$)/]",
  message: "server/ runs in Node, not in the browser, also when loaded on demand.",
};

const IO_MESSAGE = "belongs in lib/client/ (the browser's only I/O: a typed API client and session storage); call it from there.";
const ioGlobals = ["fetch", "localStorage", "sessionStorage"].map((name) => ({ name, message: `${name} ${IO_MESSAGE}` }));
const ioProperties = ["window", "globalThis", "self"].flatMap((object) =>
  ["fetch", "localStorage", "sessionStorage"].map((property) => ({ object, property, message: `${object}.${property} ${IO_MESSAGE}` })),
);

export default defineConfig(
  globalIgnores([
    ".next/",
    "build/",
    "node_modules/",
    "bench/results/",
    "bench/.scratch/",
    "data/",
    ".tmp/",
    "next-env.d.ts",
    "test-results/",
    "playwright-report/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    rules: {
      // `_name` marks a parameter that a callback signature forces on us.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    ignores: ["lib/board/**", "server/**", ...EXEMPT],
    rules: { "no-restricted-imports": ["error", yjsImports], "no-restricted-syntax": ["error", yjsDynamic] },
  },
  {
    // Views and hooks run in the browser: neither Yjs nor the server.
    files: ["app/**", "components/**", "hooks/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: yjsImports.paths, patterns: [...yjsImports.patterns, serverImport] }],
      "no-restricted-syntax": ["error", yjsDynamic, serverDynamic],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    ignores: ["lib/client/**", "server/**", ...EXEMPT],
    rules: {
      "no-restricted-globals": ["error", ...ioGlobals],
      "no-restricted-properties": ["error", ...ioProperties],
    },
  },
  {
    // A focused test would silently leave the rest of its file out of a run: never committed, CI or not.
    files: ["tests/**", "bench/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["it", "test", "describe", "suite"].map((object) => ({ object, property: "only", message: "A focused test leaves the rest out of the run." })),
      ],
    },
  },
  {
    // Plain scripts run under Node; `globals` is not a dependency, so name what they use.
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" },
    },
  },
);
