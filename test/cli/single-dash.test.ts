// What Packer users type out of habit gets the two-dash flag it meant, not Node's parser message.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

async function mistake(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli(args);
  expect(code).toBe(2);
  expect(stdout).toBe("");
  return stderr.trim();
}

describe("Packer-style single-dash flags", () => {
  it("-only=… gets the --only it meant, with the value quoted for a shell", async () => {
    expect(await mistake(["-only=spark/us-*/hvm", "--dry-run"])).toBe(
      "error: -only=spark/us-*/hvm: did you mean --only 'spark/us-*/hvm'?",
    );
  });

  it("Packer's -only VALUE form too", async () => {
    expect(await mistake(["-only", "region=us-east-1"])).toBe(
      "error: -only: did you mean --only region=us-east-1?",
    );
  });

  it("-except is Packer's name for --exclude", async () => {
    expect(await mistake(["-except=image=base"])).toBe(
      "error: -except=image=base: did you mean --exclude image=base?",
    );
  });

  it("-var names the variable but never echoes its value, which may be a secret", async () => {
    const message = await mistake(["-var=db_password=hunter2-secret"]);
    expect(message).toBe("error: -var: did you mean --var db_password=VALUE?");
    expect(message).not.toContain("hunter2");
  });

  it("-var-file and boolean flags such as -dry-run", async () => {
    expect(await mistake(["-var-file=prod.pkrvars.hcl"])).toBe(
      "error: -var-file=prod.pkrvars.hcl: did you mean --var-file prod.pkrvars.hcl?",
    );
    expect(await mistake(["-dry-run"])).toBe("error: -dry-run: did you mean --dry-run?");
    expect(await mistake(["-force"])).toBe("error: -force: did you mean --force?");
  });

  it("a single-dash word that is no option of ours says options take two dashes", async () => {
    expect(await mistake(["-parallel-builds=4"])).toBe(
      "error: -parallel-builds is not an option: ami-matrix's options take two dashes. Run `npx tsx build-amis.ts --help` to see them.",
    );
  });

  it("the value of a flag may start with a dash, and -h still asks for help", async () => {
    const odd = await runCli(["--matrix", "-no-such-matrix.json", "--dry-run"]);
    expect(odd.code).toBe(2);
    expect(odd.stderr).not.toContain("did you mean");
    expect(odd.stderr).toContain("--matrix=-XYZ");
    const help = await runCli(["-h"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
  });
});
