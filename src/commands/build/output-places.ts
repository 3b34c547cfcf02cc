// Where a real run will write, for preflight to check before anything is spent.
import path from "node:path";
import type { PlanMode } from "../../plan/make-plan.ts";
import type { OutputPlace } from "../../preflight/check-outputs.ts";
import { projectPaths } from "../../project-paths.ts";
import type { CliOptions } from "./build-flags.ts";

// A rehearsal's AMI list goes to the run's own folder, which the run creates; the others are the user's.
export function outputPlaces({
  options,
  cwd,
  mode,
}: {
  options: CliOptions;
  cwd: string;
  mode: PlanMode;
}): OutputPlace[] {
  return [
    ...(options.amiList || !mode.local
      ? [
          {
            target: options.amiList ? path.resolve(cwd, options.amiList) : projectPaths.amiList,
            kind: "folder" as const,
            flag: "--ami-list",
          },
        ]
      : []),
    ...(options.report
      ? [{ target: path.resolve(cwd, options.report), kind: "file" as const, flag: "--report" }]
      : []),
  ];
}
