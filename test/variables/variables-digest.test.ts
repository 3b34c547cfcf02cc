import { expect, it } from "vitest";
import type { PackerVariables } from "../../src/variables/packer-variables.ts";
import { variablesDigest } from "../../src/variables/variables-digest.ts";

const secret = (name: string) => name === "db_pass";

function given(vars: [string, string][], files: [string, string][][] = []): PackerVariables {
  return {
    vars: vars.map(([name, value]) => ({ name, value })),
    files: files.map((entries, i) => ({
      path: `/somewhere/${i}.pkrvars.hcl`,
      shown: `${i}.pkrvars.hcl`,
      entries: entries.map(([name, value]) => ({ name, values: [value] })),
    })),
  };
}

it("changes with a value, not with a secret's value, and is absent without variables", () => {
  const base = variablesDigest(
    given([
      ["tag", "nightly"],
      ["db_pass", "one"],
    ]),
    secret,
  );
  expect(base).toMatch(/^[0-9a-f]{64}$/);
  expect(
    variablesDigest(
      given([
        ["tag", "nightly"],
        ["db_pass", "one"],
      ]),
      secret,
    ),
  ).toBe(base);
  expect(
    variablesDigest(
      given([
        ["tag", "weekly"],
        ["db_pass", "one"],
      ]),
      secret,
    ),
  ).not.toBe(base);
  expect(
    variablesDigest(
      given([
        ["tag", "nightly"],
        ["db_pass", "two"],
      ]),
      secret,
    ),
  ).toBe(base);
  expect(variablesDigest(given([["tag", "nightly"]]), secret)).not.toBe(base);
  expect(variablesDigest(given([]), secret)).toBeUndefined();
});

it("takes var files by content and order, never by where they are", () => {
  const a: [string, string][] = [["region_tag", "a"]];
  const b: [string, string][] = [["region_tag", "b"]];
  const ab = variablesDigest(given([], [a, b]), secret);
  const moved = given([], [a, b]);
  for (const file of moved.files) file.path = `/elsewhere/${file.shown}`;
  expect(variablesDigest(moved, secret)).toBe(ab);
  expect(variablesDigest(given([], [b, a]), secret)).not.toBe(ab);
});
