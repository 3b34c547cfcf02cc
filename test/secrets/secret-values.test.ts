import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEc2Clients } from "../../src/aws/ec2-clients.ts";
import { createMasker, maskStrings } from "../../src/secrets/mask-secrets.ts";
import {
  AWS_CREDENTIAL_VARIABLES,
  isSecretName,
  SECRET_NAME_RULES,
  secretValues,
} from "../../src/secrets/secret-values.ts";

describe("isSecretName", () => {
  it.each([
    "GITHUB_PAT",
    "SLACK_WEBHOOK_URL",
    "NPM_AUTH",
    "NPM_AUTH_TOKEN",
    "BASIC_AUTHORIZATION",
    "SSH_KEY",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "DB_PASSWORD",
    "CLIENT_SECRET",
    "VAULT_TOKEN",
    "STRIPE_API_KEY_V2",
    "AWS_ACCESS_KEY_ID",
    "AWS_SESSION_TOKEN",
  ])("%s is secret", (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    "GIT_AUTHOR_NAME",
    "PATH",
    "HOME",
    "KEYBOARD",
    "SSH_KEY_PATHS",
    "PATTERN",
    "AWS_REGION",
  ])("%s is not", (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe("secretValues", () => {
  it("takes secret-named variables, the run's credentials and sensitive values, each line of a multi-line one too", () => {
    const values = secretValues({
      env: {
        NPM_AUTH: "npm_token_value",
        HOME: "/home/me",
        SSH_KEY: "-----BEGIN-----\nAAAAB3Nza\n-----END-----",
      },
      credentials: {
        accessKeyId: "ASIAFROMPROFILE",
        secretAccessKey: "profile/secret",
        sessionToken: "FwoGZXIvYXdz",
      },
      sensitiveValues: ["hunter22"],
    });
    expect(values).toEqual(
      expect.arrayContaining([
        "npm_token_value",
        "-----BEGIN-----\nAAAAB3Nza\n-----END-----",
        "AAAAB3Nza",
        "ASIAFROMPROFILE",
        "profile/secret",
        "FwoGZXIvYXdz",
        "hunter22",
      ]),
    );
    expect(values).not.toContain("/home/me");
  });

  it("leaves out values too short to mask without garbling everything", () => {
    expect(secretValues({ env: { API_KEY: "abc", NPM_AUTH: "" } })).toEqual([]);
  });

  describe("with credentials the SDK resolved from a profile", () => {
    let dir: string | undefined;
    afterEach(async () => {
      vi.unstubAllEnvs();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("masks them, though no variable of the run holds them", async () => {
      dir = await mkdtemp(path.join(tmpdir(), "ami-matrix-profile-"));
      const file = path.join(dir, "credentials");
      await writeFile(
        file,
        "[ci]\naws_access_key_id = AKIAPROFILEEXAMPLE\naws_secret_access_key = profileSecretValue/123\n",
      );
      vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", file);
      vi.stubEnv("AWS_CONFIG_FILE", path.join(dir, "config"));
      const env = { AWS_PROFILE: "ci", AWS_SHARED_CREDENTIALS_FILE: file };
      const clients = createEc2Clients({ env });
      try {
        const credentials = await clients.credentials("us-east-1");
        const mask = createMasker(secretValues({ env, credentials }));
        expect(mask("key AKIAPROFILEEXAMPLE secret profileSecretValue/123")).toBe(
          "key *** secret ***",
        );
      } finally {
        clients.destroy();
      }
    });
  });
});

describe("maskStrings", () => {
  it("masks every string of an event or outcome, nested, and leaves the rest as it is", () => {
    const mask = createMasker(["s3cr3t"]);
    expect(
      maskStrings(
        {
          type: "finished",
          outcome: { error: "x s3cr3t", attempts: 2, amis: { r: "s3cr3t" } },
          list: ["s3cr3t"],
        },
        mask,
      ),
    ).toEqual({
      type: "finished",
      outcome: { error: "x ***", attempts: 2, amis: { r: "***" } },
      list: ["***"],
    });
  });
});

it("the README says exactly which names are masked", async () => {
  const readme = await readFile(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### What is masked"));
  for (const rule of SECRET_NAME_RULES) expect(section).toContain(`\`${rule.shown}\``);
  for (const name of AWS_CREDENTIAL_VARIABLES) expect(section).toContain(name);
});
