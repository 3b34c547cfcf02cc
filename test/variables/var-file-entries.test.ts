import { expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { varFileEntries } from "../../src/variables/var-file-entries.ts";

it("reads the names a .pkrvars.hcl file sets, with every string and number in their values", () => {
  const text = `
# a comment = "not a value"
region_tag = "nightly"
db_password = "s3cret = still the value"   // trailing comment
port       = 8080
regions    = [
  "us-east-1",
  "eu-west-1",
]
tags = {
  team = "data"
}
motd = <<EOT
hello
  world
EOT
`;
  expect(varFileEntries({ file: "prod.pkrvars.hcl", text })).toEqual([
    { name: "region_tag", values: ["nightly"] },
    { name: "db_password", values: ["s3cret = still the value"] },
    { name: "port", values: ["8080"] },
    { name: "regions", values: ["us-east-1", "eu-west-1"] },
    { name: "tags", values: ["data"] },
    { name: "motd", values: ["hello\n  world"] },
  ]);
});

it("reads a .json var file as JSON, as Packer does", () => {
  expect(
    varFileEntries({
      file: "vars.json",
      text: '{"db_password": "s3cret", "ports": [80, 443], "debug": true}',
    }),
  ).toEqual([
    { name: "db_password", values: ["s3cret"] },
    { name: "ports", values: ["80", "443"] },
    { name: "debug", values: [] },
  ]);
});

it("a .json var file that is not a JSON object names the file and what is wrong", () => {
  expect(() => varFileEntries({ file: "vars.json", text: '["a"]' })).toThrow(ConfigError);
  expect(() => varFileEntries({ file: "vars.json", text: '{"a": 1,}' })).toThrow(
    /vars\.json[\s\S]*line 1, column 8: trailing comma/,
  );
});
