// Which AMI list a run writes: the one other runs may write too (and so is locked), or a rehearsal's
// own in its run folder, which the committed list never sees unless --ami-list says so.
import path from "node:path";
import type { PlanMode } from "../../plan/make-plan.ts";
import { projectPaths } from "../../project-paths.ts";
import type { CliOptions } from "./build-flags.ts";

/** The AMI list other runs may write too (and so is locked); undefined for a rehearsal's own. */
export function sharedAmiListDir({
  options,
  cwd,
  mode,
}: {
  options: Pick<CliOptions, "amiList">;
  cwd: string;
  mode: Pick<PlanMode, "local">;
}): string | undefined {
  if (options.amiList) return path.resolve(cwd, options.amiList);
  return mode.local ? undefined : projectPaths.amiList;
}

export function amiListDir(args: {
  options: Pick<CliOptions, "amiList">;
  cwd: string;
  mode: Pick<PlanMode, "local">;
  runDir: string;
}): string {
  return sharedAmiListDir(args) ?? path.join(args.runDir, "ami-list");
}
