import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveCellPath } from "../../src/ami-list/cell-path.ts";
import { AmiListPathError } from "../../src/ami-list/errors.ts";

const dir = path.join("some", "ami-list");

describe("resolveCellPath", () => {
  it("places a cell inside the AMI list folder", () => {
    expect(resolveCellPath(dir, "spark/us-east-1/hvm")).toBe(
      path.join(dir, "spark", "us-east-1", "hvm"),
    );
  });

  it.each([
    ["../outside", /escape the AMI list folder/],
    ["spark/../../outside", /escape the AMI list folder/],
    ["/etc/passwd", /absolute/],
    ["C:/Windows/x", /absolute/],
    ["spark\\us-east-1\\hvm", /separate folders with "\/"/],
    ["", /empty/],
    ["spark//hvm", /empty or "\." segment/],
    ["./spark/hvm", /empty or "\." segment/],
    ["spark/.hidden", /hidden files are left out of the index/],
    ["index.json", /the AMI list's own index/],
  ])("refuses %j with a message naming the path", (file, reason) => {
    let thrown: unknown;
    try {
      resolveCellPath(dir, file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AmiListPathError);
    expect(thrown).toHaveProperty("exitCode", 2);
    expect((thrown as Error).message).toContain(`"${file}"`);
    expect((thrown as Error).message).toMatch(reason);
  });

  it("allows a cell named index.json below the top level", () => {
    expect(resolveCellPath(dir, "spark/index.json")).toBe(path.join(dir, "spark", "index.json"));
  });
});
