import { describe, expect, it } from "vitest";
import { formatIndex } from "../../src/ami-list/index-format.ts";

describe("formatIndex", () => {
  it("renders sorted, stable JSON with a trailing newline", () => {
    const text = formatIndex({
      cells: {
        "spark/us-west-2/pv": "ami-0000000000000000c",
        "base/us-east-1/hvm": "ami-0000000000000000a",
        "spark/us-east-1/hvm": "ami-0000000000000000b",
      },
      unreadable: [],
    });
    expect(text).toMatchInlineSnapshot(`
      "{
        "cells": {
          "base/us-east-1/hvm": "ami-0000000000000000a",
          "spark/us-east-1/hvm": "ami-0000000000000000b",
          "spark/us-west-2/pv": "ami-0000000000000000c"
        }
      }
      "
    `);
  });

  it("is the same text JSON.stringify would write, so tools can read it back", () => {
    const cells = { "b/x/hvm": "ami-0000000000000000b", "a/x/hvm": "ami-0000000000000000a" };
    const text = formatIndex({ cells, unreadable: [] });
    expect(JSON.parse(text)).toEqual({ cells });
    expect(text).toBe(
      `${JSON.stringify({ cells: { "a/x/hvm": cells["a/x/hvm"], "b/x/hvm": cells["b/x/hvm"] } }, null, 2)}\n`,
    );
  });

  it("does not depend on the order cells were found in", () => {
    const a = { "x/1": "ami-0000000000000000a", "y/2": "ami-0000000000000000b" };
    const b = { "y/2": "ami-0000000000000000b", "x/1": "ami-0000000000000000a" };
    expect(formatIndex({ cells: a, unreadable: [] })).toBe(
      formatIndex({ cells: b, unreadable: [] }),
    );
  });

  it("keeps keys sorted even when they look like numbers", () => {
    const text = formatIndex({
      cells: { b: "ami-0000000000000000b", "10": "ami-0000000000000000a" },
      unreadable: [],
    });
    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"b"'));
  });

  it("lists unreadable cells instead of dropping them", () => {
    const text = formatIndex({
      cells: {},
      unreadable: [
        { file: "spark/us-east-1/pv", reason: "empty file" },
        { file: "base/eu-west-1/hvm", reason: 'not an AMI id: "oops"' },
      ],
    });
    expect(text).toMatchInlineSnapshot(`
      "{
        "cells": {},
        "unreadable": {
          "base/eu-west-1/hvm": "not an AMI id: \\"oops\\"",
          "spark/us-east-1/pv": "empty file"
        }
      }
      "
    `);
  });
});
