import { describe, expect, it } from "vitest";
import { ProblemsError, UserError } from "../../src/errors.ts";
import {
  checkVariables,
  describeVariables,
  type PackerVariables,
  parseVarFlags,
  sensitiveValues,
  variablesEnv,
} from "../../src/variables/packer-variables.ts";

describe("--var NAME=VALUE", () => {
  it("splits at the first =, keeps the rest of the value, and a later --var wins", () => {
    expect(parseVarFlags(["a=1", "url=https://x/?q=1&r=2", "a=2", "empty="])).toEqual([
      { name: "url", value: "https://x/?q=1&r=2" },
      { name: "a", value: "2" },
      { name: "empty", value: "" },
    ]);
  });

  it.each([
    ["region_tag", "--var region_tag: expected NAME=VALUE"],
    ["=s3cret", "--var =…: the name is missing"],
    ["1st=s3cret", '--var 1st=…: "1st" is not a variable name'],
    ["a.b=s3cret", '--var a.b=…: "a.b" is not a variable name'],
    ["ami_name=x", "--var ami_name: ami-matrix sets ami_name itself, one name per attempt"],
    ["source_ami=ami-1234", "--var source_ami: ami-matrix sets source_ami itself"],
  ])("refuses %s, naming it but never its value", (text, message) => {
    let thrown: unknown;
    try {
      parseVarFlags([text]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as Error).message).not.toContain("s3cret");
  });

  it("reaches Packer as PKR_VAR_NAME", () => {
    expect(variablesEnv({ vars: parseVarFlags(["region_tag=nightly"]), files: [] })).toEqual({
      PKR_VAR_region_tag: "nightly",
    });
  });
});

const declared = new Map([
  ["region_tag", { sensitive: false }],
  ["db_pass", { sensitive: true }],
  ["api_key", { sensitive: false }],
]);

function variables(vars: string[], files: PackerVariables["files"] = []): PackerVariables {
  return { vars: parseVarFlags(vars), files };
}

describe("checked against the rendered templates", () => {
  it("accepts variables the templates declare", () => {
    expect(() => checkVariables(variables(["region_tag=x", "db_pass=y"]), declared)).not.toThrow();
  });

  it("refuses a --var no template declares, with the nearest name, since Packer would ignore it", () => {
    expect(() => checkVariables(variables(["region_tga=x"]), declared)).toThrow(
      '--var region_tga: no template of this run declares a variable "region_tga" (did you mean region_tag?)',
    );
  });

  it("refuses a name set by --var and a var file (the file would win) and ami_name in a file", () => {
    const file = {
      path: "/abs/prod.pkrvars.hcl",
      shown: "prod.pkrvars.hcl",
      entries: [
        { name: "region_tag", values: ["from-file"] },
        { name: "ami_name", values: ["mine"] },
      ],
    };
    let thrown: unknown;
    try {
      checkVariables(variables(["region_tag=x"], [file]), declared);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemsError);
    expect((thrown as ProblemsError).problems).toEqual([
      "--var region_tag is also set in --var-file prod.pkrvars.hcl, and Packer would take the file's value (it reads --var from its environment, which a var file overrides); set it in one place.",
      "--var-file prod.pkrvars.hcl sets ami_name: ami-matrix sets ami_name itself, one name per attempt (<name>-<run id>-aN); change amiName in the matrix instead.",
    ]);
  });
});

describe("secret values", () => {
  const given = variables(
    ["region_tag=nightly", "db_pass=declared-sensitive", "api_key=secret-by-name"],
    [
      {
        path: "/abs/v.pkrvars.hcl",
        shown: "v.pkrvars.hcl",
        entries: [
          { name: "db_pass", values: ["file-sensitive"] },
          { name: "github_token", values: ["file-secret-by-name"] },
          { name: "motd", values: ["hello"] },
        ],
      },
    ],
  );

  it("are those declared sensitive or named like secrets, from --var, var files and PKR_VAR_", () => {
    expect(
      sensitiveValues({
        variables: given,
        declared,
        env: { PKR_VAR_db_pass: "env-sensitive", PKR_VAR_region_tag: "env-plain", HOME: "/root" },
      }),
    ).toEqual([
      "declared-sensitive",
      "secret-by-name",
      "file-sensitive",
      "file-secret-by-name",
      "env-sensitive",
    ]);
  });

  it("are masked where the plan shows the variables", () => {
    expect(describeVariables(given, declared)).toEqual({
      vars: [
        { name: "region_tag", value: "nightly" },
        { name: "db_pass", value: "***" },
        { name: "api_key", value: "***" },
      ],
      files: [{ file: "/abs/v.pkrvars.hcl", names: ["db_pass", "github_token", "motd"] }],
    });
  });
});
