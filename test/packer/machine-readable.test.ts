import { describe, expect, it } from "vitest";
import {
  escapeArgument,
  parseMachineReadableLine,
  unescapeArgument,
} from "../../src/packer/machine-readable.ts";
import { recordedLines, recordedText } from "./support/recordings.ts";

describe("parseMachineReadableLine", () => {
  it("unescapes commas and newlines in a real amazon-ebs artifact string", () => {
    const line = recordedLines("ebs-success").find((l) => l.includes(",artifact,0,string,"));
    expect(parseMachineReadableLine(line ?? "")).toEqual({
      timestamp: Number(line?.split(",")[0]),
      target: "amazon-ebs.main",
      type: "artifact",
      args: [
        "0",
        "string",
        "AMIs were created:\neu-west-1: ami-00000000000abc012\nus-east-1: ami-00000000000abc00e\n",
      ],
    });
  });

  it("keeps an escaped comma inside one argument instead of splitting on it", () => {
    const record = parseMachineReadableLine(
      "1795383723,,ui,message,    null.main: secret is s3cr3t-value%!(PACKER_COMMA) with a comma",
    );
    expect(record?.args).toEqual([
      "message",
      "    null.main: secret is s3cr3t-value, with a comma",
    ]);
    expect(record?.target).toBe("");
  });

  it("reads an empty last argument as an empty string", () => {
    expect(parseMachineReadableLine("1795383721,,version-prelease,")?.args).toEqual([""]);
  });

  it("unescapes a carriage return", () => {
    expect(parseMachineReadableLine("1,,ui,say,a\\rb")?.args).toEqual(["say", "a\rb"]);
  });

  it("returns undefined for every line of real output that is not a record", () => {
    const lines = [
      ...recordedText("init-1.6.6").split("\n"),
      ...recordedText("validate-syntax-error").split("\n"),
    ];
    expect(lines.map(parseMachineReadableLine).filter(Boolean)).toEqual([]);
  });

  it("parses every line of a real build", () => {
    expect(recordedLines("ebs-success").map(parseMachineReadableLine)).not.toContain(undefined);
  });
});

describe("escapeArgument", () => {
  it("is undone by unescapeArgument", () => {
    const text = "a,b\nc\rd";
    expect(escapeArgument(text)).toBe("a%!(PACKER_COMMA)b\\nc\\rd");
    expect(unescapeArgument(escapeArgument(text))).toBe(text);
  });
});
