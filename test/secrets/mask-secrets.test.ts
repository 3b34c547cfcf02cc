import { describe, expect, it } from "vitest";
import { escapeArgument } from "../../src/packer/machine-readable.ts";
import { createMasker } from "../../src/secrets/mask-secrets.ts";
import { recordedLines } from "../packer/support/recordings.ts";

describe("createMasker", () => {
  it("masks every occurrence of a secret in a real line that printed it", () => {
    const mask = createMasker(["s3cr3t-value"]);
    const leaked = recordedLines("null-success").filter((line) => line.includes("s3cr3t-value"));
    expect(leaked.length).toBeGreaterThan(0);
    expect(leaked.map(mask).join("\n")).not.toContain("s3cr3t-value");
    expect(mask("s3cr3t-value and s3cr3t-value")).toBe("*** and ***");
  });

  it("masks a secret in the escaped form it takes in a raw machine-readable line", () => {
    const mask = createMasker(["pass,word\nline2"], { forms: (s) => [escapeArgument(s)] });
    expect(mask("1,,ui,message,    null.main: pass%!(PACKER_COMMA)word\\nline2")).toBe(
      "1,,ui,message,    null.main: ***",
    );
    expect(mask("pass,word\nline2")).toBe("***");
  });

  it("masks the longer of two overlapping secrets whole", () => {
    expect(createMasker(["abcd", "abcdefgh"])("x abcdefgh y abcd")).toBe("x *** y ***");
  });

  it("treats regular-expression characters in a secret literally", () => {
    expect(createMasker(["a.b*c+(d)"])("a.b*c+(d) axbbbc")).toBe("*** axbbbc");
  });

  it("ignores empty and very short secrets instead of masking common text", () => {
    const mask = createMasker(["", "abc"]);
    expect(mask("abc abcd")).toBe("abc abcd");
  });
});
