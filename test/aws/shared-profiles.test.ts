import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { missingProfileProblem, parseProfileNames } from "../../src/aws/shared-profiles.ts";
import { makeTempDir } from "../support/temp-dir.ts";

describe("parseProfileNames", () => {
  it("reads [name] from the credentials file and [profile name] or [default] from config", () => {
    expect(parseProfileNames("[default]\nx=1\n[ci]\n", { prefixed: false })).toEqual([
      "default",
      "ci",
    ]);
    expect(
      parseProfileNames("[default]\n[profile dev]\n[sso-session corp]\n[services s3]\n", {
        prefixed: true,
      }),
    ).toEqual(["default", "dev"]);
  });
});

describe("missingProfileProblem", () => {
  it("names the missing profile, where it looked and which profiles exist", async () => {
    const home = await makeTempDir();
    await mkdir(path.join(home, ".aws"));
    await writeFile(path.join(home, ".aws", "credentials"), "[ci]\n");
    await writeFile(path.join(home, ".aws", "config"), "[profile dev]\n");
    expect(await missingProfileProblem({ HOME: home, AWS_PROFILE: "prod" })).toBe(
      `AWS profile "prod" (from AWS_PROFILE) not found in ${path.join(home, ".aws", "credentials")} or ${path.join(home, ".aws", "config")} (profiles there: ci, dev); set AWS_PROFILE to a profile that exists, or create it with \`aws configure --profile prod\``,
    );
    expect(await missingProfileProblem({ HOME: home, AWS_PROFILE: "dev" })).toBeUndefined();
    expect(await missingProfileProblem({ HOME: home })).toBeUndefined();
  });
});
