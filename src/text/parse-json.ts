// JSON syntax errors name the line and column, not a byte offset.
import { ConfigError, errorMessage } from "../errors.ts";

export function parseJsonText({ file, text }: { file: string; text: string }): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = errorMessage(error);
    const position = /position (\d+)/.exec(message);
    let where = "";
    if (position?.[1]) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = ` at line ${line}, column ${column}`;
    }
    throw new ConfigError({ file, problems: [`not valid JSON${where}: ${message}`] });
  }
}
