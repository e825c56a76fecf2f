import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/*
 * The folder rules in eslint.config.mjs, run on code that breaks them: each
 * must fail in a folder where the thing does not belong (saying where it does)
 * and pass, with nothing else to say, where it does belong.
 */
const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function lint(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

interface Boundary {
  name: string;
  code: string;
  /** How many places in `code` break the rule; one unless said. */
  violations?: number;
  rule: string;
  /** Where the message must send the reader. */
  saysWhere: string;
  refusedIn: string[];
  allowedIn: string[];
}

const BOUNDARIES: Boundary[] = [
  ...["yjs", "y-websocket", "y-indexeddb", "y-protocols/awareness", "lib0/encoding"].map((module) => ({
    name: `importing ${module}`,
    code: `import * as M from "${module}";\nexport const used = M;\n`,
    rule: "no-restricted-imports",
    saysWhere: "lib/board/",
    refusedIn: ["components/board/view.tsx", "hooks/use-x.ts", "app/b/page.tsx", "lib/snapshot/x.ts", "lib/client/x.ts", "lib/stats/x.ts"],
    allowedIn: ["lib/board/x.ts", "server/sync/x.ts", "tests/unit/x.test.ts", "bench/x.ts", "scripts/x.ts"],
  })),
  {
    name: "calling fetch",
    code: `export const time = () => fetch("/api/time");\n`,
    rule: "no-restricted-globals",
    saysWhere: "lib/client/",
    refusedIn: ["components/home/form.tsx", "hooks/use-x.ts", "app/page.tsx", "lib/board/x.ts"],
    allowedIn: ["lib/client/x.ts", "server/x.ts", "tests/unit/x.test.ts", "bench/x.ts", "scripts/x.ts"],
  },
  ...["localStorage", "sessionStorage"].map((name) => ({
    name: `reading ${name}`,
    code: `export const read = () => ${name}.getItem("k");\n`,
    rule: "no-restricted-globals",
    saysWhere: "lib/client/",
    refusedIn: ["components/home/form.tsx", "hooks/use-x.ts", "lib/stats/x.ts"],
    allowedIn: ["lib/client/session/x.ts", "tests/unit/x.test.ts"],
  })),
  ...["localStorage", "sessionStorage", "fetch"].map((name) => ({
    name: `window.${name}`,
    code: `export const reach = () => window.${name};\n`,
    rule: "no-restricted-properties",
    saysWhere: "lib/client/",
    refusedIn: ["components/board/x.tsx", "hooks/use-x.ts", "app/layout.tsx"],
    allowedIn: ["lib/client/x.ts", "tests/e2e/x.ts"],
  })),
  {
    name: "globalThis.fetch",
    code: `export const time = () => globalThis.fetch("/api/time");\n`,
    rule: "no-restricted-properties",
    saysWhere: "lib/client/",
    refusedIn: ["hooks/use-x.ts", "lib/snapshot/x.ts"],
    allowedIn: ["lib/client/x.ts", "server/x.ts"],
  },
  ...["yjs", "y-protocols/awareness"].map((module) => ({
    name: `loading ${module} on demand`,
    code: `export const load = () => import("${module}");\n`,
    rule: "no-restricted-syntax",
    saysWhere: "lib/board/",
    refusedIn: ["components/board/view.tsx", "hooks/use-x.ts", "lib/client/x.ts"],
    allowedIn: ["lib/board/x.ts", "server/sync/x.ts", "tests/unit/x.test.ts"],
  })),
  {
    name: "loading server/ on demand",
    code: `export const load = () => import("../../server/http/api");\n`,
    rule: "no-restricted-syntax",
    saysWhere: "Node",
    refusedIn: ["components/home/x.tsx", "hooks/x/use-x.ts", "app/b/page.tsx"],
    allowedIn: ["tests/unit/x.test.ts", "scripts/x/x.ts"],
  },
  {
    name: "importing from server/",
    code: `import { createServer } from "../../server/index";\nimport { rooms } from "@/server/sync/rooms";\nexport const make = [createServer, rooms];\n`,
    violations: 2,
    rule: "no-restricted-imports",
    saysWhere: "lib/client/",
    refusedIn: ["components/home/x.tsx", "hooks/x/use-x.ts", "app/b/page.tsx"],
    allowedIn: ["tests/unit/x.test.ts", "bench/x/x.ts", "scripts/x/x.ts"],
  },
];

describe("folder boundaries in eslint.config.mjs", () => {
  // Loading the configuration and its plugins is the slow part; it happens once, here.
  beforeAll(() => eslint.lintText("export {};\n", { filePath: "lib/board/x.ts" }), 60_000);

  for (const boundary of BOUNDARIES) {
    describe(boundary.name, () => {
      it.each(boundary.refusedIn)("is refused in %s, saying where it belongs", async (file) => {
        const messages = await lint(boundary.code, file);
        expect(messages).toHaveLength(boundary.violations ?? 1);
        for (const { rule, message } of messages) {
          expect(rule).toBe(boundary.rule);
          expect(message).toContain(boundary.saysWhere);
        }
      });
      it.each(boundary.allowedIn)("is allowed in %s", async (file) => {
        expect(await lint(boundary.code, file)).toEqual([]);
      });
    });
  }

  it("leaves other packages named like server alone", async () => {
    expect(await lint(`import { NextResponse } from "next/server";\nexport const r = NextResponse;\n`, "app/api/x/route.ts")).toEqual([]);
  });
});
