// Reads one source of a merge, whichever kind it is: an AMI list folder (cell files, index.json), a run
// folder (its ami-list/ and report.json), or a report file (its succeeded jobs' cells). What is none of
// these is refused with the reason, so a wrong path never merges as an empty shard.
import { stat } from "node:fs/promises";
import path from "node:path";
import { buildsOfIndex, keptBuilds } from "../ami-list/cell-builds.ts";
import { INDEX_FILE } from "../ami-list/cell-path.ts";
import { scanCells } from "../ami-list/scan-cells.ts";
import { errorMessage } from "../errors.ts";
import { readFileIfExists } from "../fs/read-file-if-exists.ts";
import { plural } from "../text/plural.ts";
import type { MergeSource } from "./merge-source.ts";
import { cellsOfReport, readReport } from "./read-report.ts";

export const RUN_REPORT_FILE = "report.json";
export const RUN_AMI_LIST = "ami-list";

export async function loadSource({
  file,
  name,
}: {
  file: string;
  /** How the user gave it. */
  name: string;
}): Promise<MergeSource | { problem: string }> {
  try {
    const info = await stat(file).catch(() => undefined);
    if (!info) return { problem: `${name} does not exist` };
    if (info.isFile()) return await reportSource(file, name);
    if (!info.isDirectory()) return { problem: `${name} is neither a folder nor a report file` };
    const report = await readFileIfExists(path.join(file, RUN_REPORT_FILE));
    const amiList = path.join(file, RUN_AMI_LIST);
    const hasAmiList = (await stat(amiList).catch(() => undefined))?.isDirectory() === true;
    if (report === undefined && !hasAmiList) return await amiListSource(file, name);
    return await runSource({ name, report, amiList: hasAmiList ? amiList : undefined });
  } catch (error) {
    return { problem: `${name} could not be read: ${errorMessage(error)}` };
  }
}

async function reportSource(
  file: string,
  name: string,
): Promise<MergeSource | { problem: string }> {
  const report = readReport((await readFileIfExists(file)) ?? "");
  if ("problem" in report)
    return {
      problem: `${name} is not an AMI list folder, a run folder or a run report: ${report.problem}`,
    };
  return { name, kind: "report", ...cellsOfReport(report), report };
}

async function amiListSource(
  dir: string,
  name: string,
): Promise<MergeSource | { problem: string }> {
  const cells = await cellsOfFolder(dir, name);
  if ("problem" in cells) return cells;
  if (Object.keys(cells.cells).length === 0)
    return {
      problem: `${name} is not an AMI list: it holds no cell files (and no ${RUN_REPORT_FILE})`,
    };
  return { name, kind: "AMI list", ...cells };
}

// A run folder's claims are the cells its run wrote, as its report says: the rest of its AMI list is the
// copy it started from, which must not undo what the target gained since. Its AMI list must hold them.
async function runSource({
  name,
  report: text,
  amiList,
}: {
  name: string;
  report: string | undefined;
  amiList: string | undefined;
}): Promise<MergeSource | { problem: string }> {
  if (text === undefined) {
    // Without a report, the folder's AMI list is all there is.
    const found = await cellsOfFolder(amiList as string, path.join(name, RUN_AMI_LIST));
    if ("problem" in found) return found;
    return { name, kind: "run folder", ...found };
  }
  const report = readReport(text);
  if ("problem" in report)
    return {
      problem: `${path.join(name, RUN_REPORT_FILE)} is not a run report: ${report.problem}`,
    };
  const reported = cellsOfReport(report);
  if (!amiList) return { name, kind: "run folder", ...reported, report };
  const listName = path.join(name, RUN_AMI_LIST);
  const found = await cellsOfFolder(amiList, listName, reported.builds);
  if ("problem" in found) return found;
  for (const [file, ami] of Object.entries(reported.cells)) {
    if (found.cells[file] !== ami)
      return {
        problem: `${listName} does not match its report: the report says ${file} was written with ${ami}, the AMI list has ${found.cells[file] ?? "no such cell"}`,
      };
  }
  const builds = Object.fromEntries(
    Object.keys(reported.cells).flatMap((file) => {
      const build = found.builds[file];
      return build ? [[file, build]] : [];
    }),
  );
  return { name, kind: "run folder", cells: reported.cells, builds, report };
}

// Cells that cannot be read are refused rather than skipped: a merge must not drop a shard's cell.
async function cellsOfFolder(
  dir: string,
  name: string,
  reported: MergeSource["builds"] = {},
): Promise<Pick<MergeSource, "cells" | "builds"> | { problem: string }> {
  const [scanned, index] = await Promise.all([
    scanCells(dir),
    readFileIfExists(path.join(dir, INDEX_FILE)),
  ]);
  if (scanned.unreadable.length > 0) {
    const shown = scanned.unreadable.slice(0, 3).map(({ file, reason }) => `${file}: ${reason}`);
    return {
      problem: `${name} is not an AMI list: ${plural(scanned.unreadable.length, "file")} in it ${scanned.unreadable.length === 1 ? "is" : "are"} not a cell (${shown.join("; ")}${scanned.unreadable.length > 3 ? "; …" : ""})`,
    };
  }
  // The index's facts first (they carry fingerprints); the report's where the index has none.
  const builds = keptBuilds({
    cells: scanned.cells,
    previous: reported,
    fresh: new Map(Object.entries(buildsOfIndex(index))),
  });
  return { cells: scanned.cells, builds };
}
