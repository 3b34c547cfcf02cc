// JSON syntax errors name the line and column and say what is wrong; an empty file says so.
import { ConfigError, errorMessage } from "../errors.ts";
import { findJsonSyntaxError, lineAndColumn } from "./json-syntax.ts";

const BOM = "\uFEFF";

export function parseJsonText({ file, text: raw }: { file: string; text: string }): unknown {
  // Editors on Windows may start a UTF-8 file with a byte order mark; it is not part of the JSON.
  const text = raw.startsWith(BOM) ? raw.slice(BOM.length) : raw;
  if (text.trim() === "") {
    throw new ConfigError({ file, problems: ["the file is empty; it should hold a JSON object"] });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (!found)
      throw new ConfigError({ file, problems: [`not valid JSON: ${errorMessage(error)}`] });
    const { line, column } = lineAndColumn(text, found.offset);
    throw new ConfigError({
      file,
      problems: [`not valid JSON at line ${line}, column ${column}: ${found.problem}`],
    });
  }
}
