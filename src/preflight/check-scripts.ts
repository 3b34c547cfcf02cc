// The provisioning scripts are checked before any instance is paid for: `bash -n` always (a syntax
// error would fail every build after its instance started); in a rehearsal, where the scripts cannot
// run at all, ShellCheck too, as warnings, and the rehearsal says plainly that they did not run.
import path from "node:path";
import { execa } from "execa";
import type { Findings } from "./check-account.ts";

export async function checkScripts({
  packerDir,
  scripts,
  rehearsal,
}: {
  packerDir: string;
  /** Relative to packerDir, without repeats. */
  scripts: readonly string[];
  rehearsal: boolean;
}): Promise<Findings> {
  const findings: Findings = { problems: [], warnings: [] };
  const files = scripts.filter((script) => /\.(sh|bash)$/.test(script));
  await Promise.all(
    files.map(async (script) => {
      const syntax = await execa("bash", ["-n", path.join(packerDir, script)], { reject: false });
      if (syntax.exitCode !== 0)
        findings.problems.push(`packer/${script} has a syntax error: ${firstLines(syntax.stderr)}`);
    }),
  );
  if (!rehearsal || files.length === 0) return findings;
  const lint = await execa(
    "shellcheck",
    ["--format=gcc", ...files.map((script) => path.join(packerDir, script))],
    { reject: false },
  );
  if (lint.failed && lint.exitCode === undefined) {
    findings.warnings.push(
      `shellcheck is not installed, so the provisioning scripts were only checked with bash -n (Debian/Ubuntu: \`sudo apt-get install shellcheck\`)`,
    );
  } else if (lint.exitCode !== 0) {
    findings.warnings.push(
      `shellcheck has remarks on the provisioning scripts:\n${lint.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => `    ${path.relative(path.dirname(packerDir), line)}`)
        .join("\n")}`,
    );
  }
  return findings;
}

function firstLines(text: string): string {
  return text.split("\n").filter(Boolean).slice(0, 3).join(" / ");
}
