import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

describe("shards", () => {
  it("prints a job matrix whose shards hold whole regions and cover the selection", async () => {
    const { code, stdout } = await runCli([
      "shards",
      "--count",
      "3",
      "--json",
      "--exclude",
      "image=spark",
    ]);
    expect(code).toBe(0);
    const { include } = JSON.parse(stdout) as {
      include: { shard: string; regions: string; jobs: number }[];
    };
    expect(include.map((s) => s.shard)).toEqual(["1/3", "2/3", "3/3"]);
    expect(include.reduce((sum, s) => sum + s.jobs, 0)).toBe(16);
    const regions = include.flatMap((s) => s.regions.split(" "));
    expect(regions.sort()).toEqual([
      "ap-northeast-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "eu-west-1",
      "sa-east-1",
      "us-east-1",
      "us-west-1",
      "us-west-2",
    ]);
  });

  it("needs --count, as a number in range", async () => {
    expect((await runCli(["shards"])).stderr).toContain("shards needs --count N");
    const zero = await runCli(["shards", "--count", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--count 0: expected a whole number from 1 to 256");
  });
});
