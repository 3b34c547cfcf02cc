// Packer can print hundreds of megabytes in one build, so output is handled one line at a time as it
// arrives, never collected.
import { StringDecoder } from "node:string_decoder";

/** A longer run of bytes without a newline is handed on in pieces of this size to bound memory. */
export const MAX_LINE_LENGTH = 1024 * 1024;

// Yields lines without their `\n` or `\r\n`; UTF-8 characters split across chunks are decoded whole.
export async function* readLines(
  chunks: AsyncIterable<Buffer | string>,
  maxLineLength = MAX_LINE_LENGTH,
): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk);
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      yield stripCarriageReturn(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
    while (pending.length >= maxLineLength) {
      yield pending.slice(0, maxLineLength);
      pending = pending.slice(maxLineLength);
    }
  }
  pending += decoder.end();
  if (pending !== "") yield stripCarriageReturn(pending);
}

function stripCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
