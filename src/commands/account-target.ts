// What the account-side commands (prune, sweep) act on: the matrix's cells and regions,
// narrowed by --only/--exclude, through SDK clients for AWS or an EC2-compatible endpoint.
import path from "node:path";
import { createEc2Clients, type Ec2Clients } from "../aws/ec2-clients.ts";
import type { FlagSpec, FlagValues } from "../cli/flags.ts";
import { listFlag, MATRIX_FLAGS, stringFlag } from "../cli/flags.ts";
import { UserError } from "../errors.ts";
import { applyFilters, parseFilters } from "../matrix/filters.ts";
import { loadMatrix } from "../matrix/load-matrix.ts";
import type { Job } from "../model/job.ts";
import { preflightAws } from "../preflight/aws-access.ts";
import { projectPaths } from "../project-paths.ts";
import { rehearsalCredentials } from "../rehearsal/start-rehearsal.ts";
import { pathForDisplay } from "../text/path-for-display.ts";

export const AWS_TARGET_FLAGS: readonly FlagSpec[] = [
  {
    name: "dry-run",
    type: "boolean",
    help: "print what would go and what stays; change nothing",
  },
  ...MATRIX_FLAGS,
  {
    name: "ec2-endpoint",
    type: "string",
    value: "URL",
    help: "an EC2-compatible endpoint instead of AWS (ec2-local, LocalStack, moto)",
  },
];

export interface AwsTarget {
  /** Cells of the matrix after the filters, in plan order. */
  jobs: Job[];
  /** Their regions, in plan order, without repeats. */
  regions: string[];
  clients: Ec2Clients;
  endpoint?: string;
}

export async function resolveAwsTarget({
  values,
  cwd,
  env,
}: {
  values: FlagValues;
  cwd: string;
  env: NodeJS.ProcessEnv;
}): Promise<AwsTarget> {
  const matrix = stringFlag(values, "matrix");
  const file = matrix ? path.resolve(cwd, matrix) : projectPaths.matrix;
  const loaded = await loadMatrix({ file, displayName: pathForDisplay(file, cwd) });
  const filters = parseFilters({
    only: listFlag(values, "only"),
    exclude: listFlag(values, "exclude"),
    matrix: loaded.matrix,
  });
  const jobs = applyFilters(loaded.jobs, filters);
  if (jobs.length === 0)
    throw new UserError("The filters leave no cell of the matrix; loosen --only or --exclude.");
  const endpoint = stringFlag(values, "ec2-endpoint");
  const regions = [...new Set(jobs.map((j) => j.region))];
  const clients = createEc2Clients({
    endpoint,
    env: endpoint ? { ...env, ...rehearsalCredentials(env) } : env,
  });
  // The same check as before a build: nothing is listed or removed without credentials and regions.
  const problems = await preflightAws({ clients, regions });
  if (problems.length > 0) {
    clients.destroy();
    throw new UserError(
      `Preflight found ${problems.length === 1 ? "a problem" : `${problems.length} problems`}; nothing was changed:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  return { jobs, regions, clients, endpoint };
}
