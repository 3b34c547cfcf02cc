import { describe, expect, it } from "vitest";
import { formatCell, parseCell } from "../../src/ami-list/cell-format.ts";

describe("formatCell", () => {
  it("writes the id and a newline", () => {
    expect(formatCell("ami-0123456789abcdef0")).toBe("ami-0123456789abcdef0\n");
  });

  it("refuses anything that is not an AMI id, so the list never holds junk", () => {
    expect(() => formatCell("")).toThrow(/expected an AMI id/);
    expect(() => formatCell("ami-0123456789abcdef0\n")).toThrow(/expected an AMI id/);
    expect(() => formatCell("snap-0123456789abcdef0")).toThrow(/Refusing to store "snap-/);
  });
});

describe("parseCell", () => {
  it.each([
    ["current format", "ami-0123456789abcdef0\n"],
    ["legacy, no trailing newline", "ami-0123456789abcdef0"],
    ["legacy, CRLF", "ami-0123456789abcdef0\r\n"],
    ["surrounding blanks", "  \n ami-0123456789abcdef0 \t\n\n"],
    ["byte order mark", "\uFEFFami-0123456789abcdef0\n"],
  ])("reads %s", (_name, text) => {
    expect(parseCell(text)).toEqual({ ok: true, amiId: "ami-0123456789abcdef0" });
  });

  it("reads the old 8-digit ids", () => {
    expect(parseCell("ami-1a2b3c4d")).toEqual({ ok: true, amiId: "ami-1a2b3c4d" });
  });

  it("round-trips what formatCell writes", () => {
    expect(parseCell(formatCell("ami-0abc1234def567890"))).toEqual({
      ok: true,
      amiId: "ami-0abc1234def567890",
    });
  });

  it.each([
    ["", "empty file"],
    [" \r\n", "empty file"],
    ["ami-0123456789abcdef0\nami-0fedcba9876543210\n", "2 lines, expected a single AMI id"],
    ["ami-0123456789ABCDEF0", 'not an AMI id: "ami-0123456789ABCDEF0"'],
    ["us-east-1: ami-0123456789abcdef0", 'not an AMI id: "us-east-1: ami-0123456789abcdef0"'],
    ["<<<<<<< HEAD", 'not an AMI id: "<<<<<<< HEAD"'],
  ])("reports %j as unreadable instead of guessing", (text, reason) => {
    expect(parseCell(text)).toEqual({ ok: false, reason });
  });

  it("keeps the reason short for a large file", () => {
    const result = parseCell("x".repeat(10_000));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeLessThan(60);
  });
});
