// `merge`: put CI shards' AMI lists back together into one. Flags are data; what it does loads on run.
import type { Command } from "../../cli/command.ts";
import { HELP_FLAG } from "../../cli/flags.ts";

export const mergeCommand: Command = {
  name: "merge",
  summary: "write the cells of shards' AMI lists, run folders or reports into one AMI list",
  description: [
    "Writes the cells of each SOURCE into the AMI list (--ami-list), with its index.json and amis.tf.json,",
    "as a build would, holding its lock. A SOURCE is an AMI list folder (cell files and index.json), a run",
    "folder holding ami-list/ and report.json, or a report file.",
    "A three-way merge, with the AMI list's current content as the base the shards started from: a run",
    "folder or a report claims the cells its run wrote (its succeeded jobs'); an AMI list folder claims",
    "every cell that differs from the AMI list's, so give one only if it started from that content. Two",
    "sources that change one cell to different AMIs are a conflict: the message names the cell, both",
    "sources and their AMIs, and nothing is written (exit 2). So is a source that is not an AMI list (no",
    "cells, files that are not cells, not a report), and a cell the AMI list has no room for. Merged cells",
    "keep their build facts in the index (a source's index.json, else its report).",
    "--report FILE writes one report summing the sources' reports (every source must then have one):",
    "all their jobs, the summary counted again, and the parts' run ids in mergedFrom.",
    "--dry-run says what would change and writes nothing.",
  ],
  positionals: "SOURCE...",
  flags: [
    {
      name: "ami-list",
      type: "string",
      value: "DIR",
      help: "the AMI list to merge into (default: ami-list/ in the project)",
    },
    {
      name: "report",
      type: "string",
      value: "FILE",
      help: "write a report summing the sources' reports: all their jobs, the summary counted again",
    },
    { name: "dry-run", type: "boolean", help: "say what would change; write nothing" },
    {
      name: "wait-for-lock",
      type: "boolean",
      help: "when a run holds the AMI list, wait for it instead of stopping (exit 2)",
    },
    HELP_FLAG,
  ],
  run: async (context) => (await import("./run-merge.ts")).runMerge(context),
};
