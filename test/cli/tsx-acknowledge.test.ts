// The supervisor repeats tsx's own acknowledgement of a signal (src/cli/tsx-acknowledge.ts), which it
// finds by the name tsx gives its preflight's listener: a tsx upgrade that renames it would silently
// bring back the tsx CLI's SIGKILL of a supervisor that answers late.
import path from "node:path";
import { execa } from "execa";
import { expect, it } from "vitest";
import { TSX_LISTENER } from "../../src/cli/tsx-acknowledge.ts";
import { PROJECT_DIR } from "../../src/project-paths.ts";

// tsx's preflight binds its listener once it has reached the CLI; the script waits for that.
const SCRIPT = `
const started = Date.now();
const look = () => {
  const names = process.rawListeners("SIGINT").map((l) => l.name);
  if (names.includes(${JSON.stringify(TSX_LISTENER)}) || Date.now() - started > 20000) {
    console.log(JSON.stringify(names));
  } else setTimeout(look, 20);
};
look();
`;

it("finds tsx's acknowledgement among the SIGINT listeners of a script the tsx CLI runs", async () => {
  const tsx = path.join(PROJECT_DIR, "node_modules", ".bin", "tsx");
  const { stdout } = await execa(tsx, ["-e", SCRIPT], { cwd: PROJECT_DIR });
  expect(JSON.parse(stdout)).toContain(TSX_LISTENER);
}, 30_000);
