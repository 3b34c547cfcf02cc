import { describe, expect, it } from "vitest";
import { matchesWildcard } from "../../src/ec2-local/filters.ts";

describe("EC2 filter wildcards", () => {
  it.each([
    ["amzn2-ami-hvm-*-x86_64-gp2", "amzn2-ami-hvm-2.0.20210126.0-x86_64-gp2", true],
    ["amzn2-ami-hvm-*-x86_64-gp2", "amzn2-ami-hvm-2.0.20210126.0-arm64-gp2", false],
    ["amzn2-ami-hvm-*", "amzn2-ami-hvm-", true],
    ["ami-?", "ami-1", true],
    ["ami-?", "ami-12", false],
    ["exact", "exact", true],
    ["exact", "exactly", false],
    ["a.c", "abc", false],
    ["(spark) [2.4]+", "(spark) [2.4]+", true],
    ["star\\*", "star*", true],
    ["star\\*", "starry", false],
    ["what\\?", "what?", true],
    ["what\\?", "whats", false],
    ["Case", "case", false],
  ])("%s against %s → %s", (pattern, value, expected) => {
    expect(matchesWildcard(pattern, value)).toBe(expected);
  });
});
