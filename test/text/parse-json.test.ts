import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../../src/text/json-syntax.ts";
import { parseJsonText } from "../../src/text/parse-json.ts";

function problemOf(text: string): string {
  try {
    parseJsonText({ file: "m.json", text });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("parsed");
}

describe("parseJsonText", () => {
  it("reads a file that starts with a byte order mark", () => {
    expect(parseJsonText({ file: "m.json", text: '\uFEFF{"a": 1}' })).toEqual({ a: 1 });
  });

  it.each([
    ["", "the file is empty; it should hold a JSON object"],
    [" \n\t", "the file is empty; it should hold a JSON object"],
    ["\uFEFF", "the file is empty; it should hold a JSON object"],
    ['{"a": 1,\n}', "at line 1, column 8: trailing comma before `}`: JSON allows none; remove it"],
    ['{\n  "a": [1,\n    2,\n  ]\n}', "at line 3, column 6: trailing comma before `]`"],
    ['{"a" 1}', "at line 1, column 6: expected `:` after the property name, found `1`"],
    ["{a: 1}", "at line 1, column 2: expected a property name in double quotes, found `a`"],
    ["{'a': 1}", "at line 1, column 2: expected a property name in double quotes, found `'`"],
    ["{\"a\": 'x'}", 'at line 1, column 7: strings take double quotes ("), not single quotes'],
    ['{"a": 1 "b": 2}', 'at line 1, column 9: expected `,` or `}`, found `"`'],
    ['{\n  "a": {\n', "at line 2, column 8: this `{` is never closed with `}`"],
    ['{"a": "x\n"}', "at line 1, column 9: a line break inside a string; write it as \\n"],
    ['{"a": "\\q"}', "at line 1, column 8: invalid escape `\\q` in a string"],
    ["// note\n{}", "at line 1, column 1: comments are not allowed in JSON"],
    ['{"a": 1} {"b": 2}', "at line 1, column 10: unexpected `{` after the end of the JSON value"],
    ['{"a": tru}', "at line 1, column 7: unexpected `t` where a value should be"],
  ])("%j: %s", (text, problem) => {
    const message = problemOf(text);
    expect(message).toMatch(/^Found a problem in m\.json:\n {2}- /);
    expect(message).toContain(problem);
  });
});

describe("findJsonSyntaxError", () => {
  it.each(['{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}', "[]", '"text"', "0"])(
    "finds nothing wrong in valid JSON %j",
    (text) => {
      expect(findJsonSyntaxError(text)).toBeUndefined();
    },
  );
});
