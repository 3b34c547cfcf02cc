// A cell is a file at its path in the AMI list: a folder there, or a file where one of its folders should
// be, makes the write fail. The plan checks every cell with this before anything is built, and the
// writer uses it to say why a write failed.
import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

export interface CellObstacle {
  /** The path in the way, absolute. */
  path: string;
  /** `a folder`, `a file`, or what else it is. */
  is: string;
  /** The cell's own path (rather than one of its folders). */
  atCell: boolean;
}

export async function cellObstacle(dir: string, file: string): Promise<CellObstacle | undefined> {
  const segments = file.split("/");
  for (let i = 1; i <= segments.length; i++) {
    const current = path.join(dir, ...segments.slice(0, i));
    const info = await stat(current).catch(() => undefined);
    if (!info) return undefined; // the rest is created by the write
    const atCell = i === segments.length;
    if (atCell ? !info.isFile() : !info.isDirectory())
      return { path: current, is: kindOf(info), atCell };
  }
  return undefined;
}

// Why the obstacle stops the cell and what to do, as one clause.
export function describeObstacle(
  obstacle: CellObstacle,
  { cellFile, display = (file) => file }: { cellFile: string; display?: (file: string) => string },
): string {
  const shown = display(obstacle.path);
  return obstacle.atCell
    ? `${shown} is ${obstacle.is}, but the cell ${cellFile} must be a file holding one AMI id; move or remove it`
    : `${shown} is ${obstacle.is}, but the cell ${cellFile} needs a folder there; move or remove it`;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFile()) return "a file";
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  return "a special file";
}
