// The live part of the terminal display: a few lines redrawn in place. Only what changed is written
// (a spinner frame, the seconds of a clock), every line is cut to the terminal's width so none wraps,
// and the frame never grows taller than the screen, where the cursor could not go back up to it.
import { displayWidth, isPlainAscii, printable, truncateToWidth } from "./terminal-text.ts";

export interface FrameLine {
  /** One column at the start of the line (a spinner or a tick); may carry color codes. */
  icon?: string;
  text: string;
}

export interface FrameTarget {
  write(text: string): void;
  columns(): number;
  rows(): number;
}

export interface LiveFrame {
  /**
   * Shows these lines instead of the last ones, writing only the difference. Lines in `above` stay:
   * they are written over the frame's place, and the frame is drawn again below them.
   */
  update(lines: readonly FrameLine[], above?: readonly FrameLine[]): void;
}

const ESC = "\u001B[";
const CLEAR_LINE_END = `${ESC}K`;
const CLEAR_SCREEN_END = `${ESC}J`;

export function createLiveFrame(target: FrameTarget): LiveFrame {
  /** What is on screen, line by line; the cursor rests at the start of the line below the last. */
  let shown: FrameLine[] = [];
  let shownWidth = target.columns();
  let wanted: readonly FrameLine[] = [];

  const fitLine = (line: FrameLine, columns: number): FrameLine => {
    // One column is kept free: a line that fills the last column leaves the cursor in limbo.
    const room = columns - 1 - (line.icon === undefined ? 0 : 2);
    const text = truncateToWidth(printable(line.text), room);
    return line.icon === undefined ? { text } : { icon: line.icon, text };
  };

  const draw = (): string => {
    const columns = target.columns();
    const next = wanted
      .slice(-Math.max(1, target.rows() - 1))
      .map((line) => fitLine(line, columns));
    let out = "";
    let row = shown.length;
    const moveTo = (to: number) => {
      if (to < row) out += `${ESC}${row - to}A`;
      if (to > row) out += `${ESC}${to - row}B`;
      row = to;
    };
    if (columns !== shownWidth && shown.length > 0) {
      // Resized: the old lines may have wrapped, so start the frame again where it began.
      moveTo(0);
      out += `\r${CLEAR_SCREEN_END}`;
      shown = [];
      row = 0;
    }
    shownWidth = columns;
    const kept = Math.min(shown.length, next.length);
    for (let i = 0; i < kept; i++) {
      const change = lineChange(shown[i] as FrameLine, next[i] as FrameLine);
      if (change === "") continue;
      moveTo(i);
      out += change;
    }
    if (next.length > shown.length) {
      moveTo(shown.length);
      for (const line of next.slice(shown.length)) out += `\r${whole(line)}\n`;
      row = next.length;
    } else if (next.length < shown.length) {
      moveTo(next.length);
      out += `\r${CLEAR_SCREEN_END}`;
    }
    moveTo(next.length);
    shown = next;
    return out;
  };

  return {
    update(lines, above = []) {
      wanted = lines;
      let out = "";
      if (above.length > 0) {
        if (shown.length > 0) out += `${ESC}${shown.length}A\r${CLEAR_SCREEN_END}`;
        for (const line of above) out += `${whole({ ...line, text: printable(line.text) })}\n`;
        shown = [];
      }
      out += draw();
      if (out !== "") target.write(out);
    },
  };
}

function whole(line: FrameLine): string {
  return line.icon === undefined ? line.text : `${line.icon} ${line.text}`;
}

// The bytes that turn one drawn line into another, the cursor being somewhere on that line: the icon
// alone when only it changed, else the text from its first changed character (when the columns before
// it can be counted), clearing whatever the old text had beyond the new.
function lineChange(old: FrameLine, next: FrameLine): string {
  if (old.icon === next.icon && old.text === next.text) return "";
  if ((old.icon === undefined) !== (next.icon === undefined))
    return `\r${whole(next)}${CLEAR_LINE_END}`;
  let out = old.icon === next.icon ? "" : `\r${next.icon}`;
  if (old.text === next.text) return out;
  const offset = next.icon === undefined ? 0 : 2;
  let same = 0;
  while (same < old.text.length && old.text[same] === next.text[same]) same++;
  if (!isPlainAscii(old.text.slice(0, same))) same = 0;
  out += `${ESC}${offset + same + 1}G${next.text.slice(same)}`;
  if (displayWidth(next.text) < displayWidth(old.text)) out += CLEAR_LINE_END;
  return out;
}
