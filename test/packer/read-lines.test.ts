import { describe, expect, it } from "vitest";
import { readLines } from "../../src/packer/read-lines.ts";

async function linesOf(chunks: Array<Buffer | string>, maxLineLength?: number): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const lines: string[] = [];
  for await (const line of readLines(source(), maxLineLength)) lines.push(line);
  return lines;
}

describe("readLines", () => {
  it("joins a line split across chunks and keeps a last line without newline", async () => {
    expect(await linesOf(["1,,ui,sa", "y,a\n1,,ui,", "say,b\r\nlast"])).toEqual([
      "1,,ui,say,a",
      "1,,ui,say,b",
      "last",
    ]);
  });

  it("decodes a UTF-8 character split between chunks", async () => {
    const bytes = Buffer.from("héllo\n");
    expect(await linesOf([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual(["héllo"]);
  });

  it("hands on a line longer than the limit in pieces", async () => {
    expect(await linesOf(["abcdefg", "h\n"], 3)).toEqual(["abc", "def", "gh"]);
  });
});
