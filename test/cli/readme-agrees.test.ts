import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

it("the README's Options block is exactly what --help prints", async () => {
  const readme = await readFile(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Options"));
  const block = /```\n([\s\S]*?)\n```/.exec(section)?.[1];
  const { stdout } = await runCli(["--help"]);
  const options = stdout
    .slice(stdout.indexOf("Options:\n") + "Options:\n".length, stdout.indexOf("\nExit codes"))
    .trimEnd();
  expect(block).toBe(options);
});
