// Pure: where a JSON text first breaks the grammar and why, in words a person fixing a config file can use.
// JSON.parse's own messages differ between Node versions and often give no position (a trailing comma).

export interface JsonSyntaxProblem {
  /** Offset of the character at fault. */
  offset: number;
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let at = 0;
  const peek = () => text[at];
  const shown = (offset = at) =>
    offset >= text.length ? "the end of the file" : `\`${text.slice(offset, offset + 1)}\``;
  const space = () => {
    while (at < text.length) {
      const c = text[at];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") at++;
      else if (c === "/" && (text[at + 1] === "/" || text[at + 1] === "*"))
        throw new Stop(at, "comments are not allowed in JSON");
      else break;
    }
  };
  const value = (): void => {
    space();
    const c = peek();
    if (c === "{") container("}", member);
    else if (c === "[") container("]", value);
    else if (c === '"') string();
    else if (c === "'") throw new Stop(at, 'strings take double quotes ("), not single quotes');
    else if (c !== undefined && /[-0-9]/.test(c)) number();
    else literal(c);
  };
  const literal = (c: string | undefined) => {
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    if (c === undefined) throw new Stop(at, "a value is missing at the end of the file");
    throw new Stop(at, `unexpected ${shown()} where a value should be`);
  };
  const member = () => {
    space();
    if (peek() !== '"') {
      throw new Stop(at, `expected a property name in double quotes, found ${shown()}`);
    }
    string();
    space();
    if (peek() !== ":")
      throw new Stop(at, `expected \`:\` after the property name, found ${shown()}`);
    at++;
    value();
  };
  const container = (close: string, item: () => void) => {
    const open = at++;
    space();
    if (peek() === close) {
      at++;
      return;
    }
    const neverClosed = () =>
      new Stop(open, `this \`${text[open]}\` is never closed with \`${close}\``);
    for (;;) {
      space();
      if (peek() === undefined) throw neverClosed();
      item();
      space();
      const c = peek();
      if (c === close) {
        at++;
        return;
      }
      if (c === undefined) throw neverClosed();
      if (c !== ",") throw new Stop(at, `expected \`,\` or \`${close}\`, found ${shown()}`);
      const comma = at++;
      space();
      if (peek() === close)
        throw new Stop(comma, `trailing comma before \`${close}\`: JSON allows none; remove it`);
    }
  };
  const string = () => {
    const open = at++;
    for (;;) {
      const c = peek();
      if (c === undefined) throw new Stop(open, 'this string is never closed with `"`');
      if (c === '"') {
        at++;
        return;
      }
      if (c === "\n" || c === "\r")
        throw new Stop(at, "a line break inside a string; write it as \\n");
      if (c === "\\") {
        const escaped = text[at + 1] ?? "";
        if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else if ('"\\/bfnrt'.includes(escaped) && escaped !== "") at += 2;
        else throw new Stop(at, `invalid escape \`\\${escaped}\` in a string`);
      } else if (c < " ") {
        throw new Stop(at, "a control character (such as a tab) inside a string; escape it");
      } else at++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(at));
    if (!match || match[0] === "-")
      throw new Stop(at, `unexpected ${shown()} where a value should be`);
    at += match[0].length;
  };
  try {
    value();
    space();
    if (at < text.length)
      throw new Stop(at, `unexpected ${shown()} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, problem: error.problem };
    throw error;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
