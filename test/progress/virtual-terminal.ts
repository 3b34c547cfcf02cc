// A small terminal for tests: it applies what a display writes (text, CR, LF, cursor moves, erasing)
// to a screen of a given size, so a test reads what a person would see, scrolled-off lines included.
// Every character takes one column, which holds for the ASCII and symbols the displays draw.
const CSI = new RegExp(`^${"\u001B"}\\[(\\??)([0-9;]*)([A-Za-z])`);

export interface VirtualTerminal {
  /** Everything written, as the terminal received it. */
  write(text: string): void;
  /** The lines that scrolled away, then the screen, right-trimmed, without trailing blank lines. */
  text(): string;
  /** The screen alone. */
  screen(): string;
  /** How many bytes were written so far. */
  bytes(): number;
  readonly columns: number;
  readonly rows: number;
  /** Stand-in for a TTY write stream of this size. */
  stream: NodeJS.WriteStream;
}

export function virtualTerminal({ columns = 100, rows = 30 } = {}): VirtualTerminal {
  const history: string[] = [];
  let screen: string[][] = Array.from({ length: rows }, () => []);
  let row = 0;
  let column = 0;
  let written = 0;

  const lineFeed = () => {
    if (row < rows - 1) row++;
    else {
      history.push((screen.shift() ?? []).join(""));
      screen.push([]);
    }
  };
  const put = (char: string) => {
    if (column >= columns) {
      column = 0;
      lineFeed();
    }
    const line = screen[row] as string[];
    while (line.length < column) line.push(" ");
    line[column] = char;
    column++;
  };
  const control = (params: string, command: string) => {
    const n = Number(params || "1");
    const line = screen[row] as string[];
    if (command === "A") row = Math.max(0, row - n);
    else if (command === "B") row = Math.min(rows - 1, row + n);
    else if (command === "G") column = Math.max(0, n - 1);
    else if (command === "K") line.length = Math.min(line.length, column);
    else if (command === "J") {
      line.length = Math.min(line.length, column);
      screen = screen.map((cells, i) => (i > row ? [] : cells));
    }
  };

  const terminal: VirtualTerminal = {
    columns,
    rows,
    write(text) {
      written += Buffer.byteLength(text);
      let rest = text;
      while (rest.length > 0) {
        const csi = CSI.exec(rest);
        if (csi) {
          if (csi[1] === "") control(csi[2] ?? "", csi[3] ?? "");
          rest = rest.slice(csi[0].length);
          continue;
        }
        const char = String.fromCodePoint(rest.codePointAt(0) ?? 0);
        rest = rest.slice(char.length);
        if (char === "\r") column = 0;
        else if (char === "\n") {
          // A pty turns LF into CR LF.
          column = 0;
          lineFeed();
        } else if (char >= " ") put(char);
      }
    },
    text: () => trimLines([...history, ...screen.map((cells) => cells.join(""))]),
    screen: () => trimLines(screen.map((cells) => cells.join(""))),
    bytes: () => written,
    stream: undefined as unknown as NodeJS.WriteStream,
  };
  terminal.stream = {
    isTTY: true,
    columns,
    rows,
    write(chunk: string | Uint8Array) {
      terminal.write(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return terminal;
}

function trimLines(lines: string[]): string {
  const trimmed = lines.map((line) => line.trimEnd());
  while (trimmed.length > 0 && trimmed.at(-1) === "") trimmed.pop();
  return trimmed.join("\n");
}
