// What the account-side commands (prune, sweep) act on: the matrix's cells and regions,
// narrowed by --only/--exclude, through SDK clients for AWS or an EC2-compatible endpoint.
import path from "node:path";
import type { EC2Client } from "@aws-sdk/client-ec2";
import { createEc2Clients, type Ec2Clients } from "../aws/ec2-clients.ts";
import type { FlagValues } from "../cli/flags.ts";
import { listFlag, stringFlag } from "../cli/flags.ts";
import { errorMessage, ProblemsError } from "../errors.ts";
import { selectCells } from "../matrix/select-cells.ts";
import type { Job } from "../model/job.ts";
import { checkAwsAccess } from "../preflight/aws-access.ts";
import { projectPaths } from "../project-paths.ts";
import { rehearsalCredentials } from "../rehearsal/start-rehearsal.ts";
import { pathForDisplay } from "../text/path-for-display.ts";

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
  regions: given,
}: {
  values: FlagValues;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** These regions instead of the matrix's cells (whose jobs are then not read). */
  regions?: readonly string[];
}): Promise<AwsTarget> {
  const jobs = given ? [] : await selectedJobs({ values, cwd });
  const endpoint = stringFlag(values, "ec2-endpoint");
  const regions = given ? [...given] : [...new Set(jobs.map((j) => j.region))];
  const clients = createEc2Clients({
    endpoint,
    env: endpoint ? { ...env, ...rehearsalCredentials(env) } : env,
  });
  // The same check as before a build: nothing is listed or removed without credentials and regions.
  const problems = await checkAwsAccess({ clients, regions });
  if (problems.length > 0) {
    clients.destroy();
    throw new ProblemsError({
      problems,
      headline: (count) => `Preflight found ${count}; nothing was changed`,
    });
  }
  return { jobs, regions, clients, endpoint };
}

async function selectedJobs({ values, cwd }: { values: FlagValues; cwd: string }): Promise<Job[]> {
  const matrix = stringFlag(values, "matrix");
  const file = matrix ? path.resolve(cwd, matrix) : projectPaths.matrix;
  const { selected: jobs } = await selectCells({
    file,
    displayName: pathForDisplay(file, cwd),
    only: listFlag(values, "only"),
    exclude: listFlag(values, "exclude"),
  });
  return jobs;
}

// prune and sweep walk the regions alike: a heading per region, what is there read (and planned), then
// acted on. A region that cannot be read is a failure of its own; the others still go ahead.
export async function forEachRegion<T>({
  target,
  write,
  what,
  read,
  act,
}: {
  target: AwsTarget;
  write: (lines: string[]) => void;
  /** What `read` lists, for the message when it fails: `the AMIs and snapshots`. */
  what: string;
  read: (args: { region: string; client: EC2Client }) => Promise<T>;
  /** Returns the region's failures, each a line. */
  act: (args: { region: string; client: EC2Client; found: T }) => Promise<string[]>;
}): Promise<string[]> {
  const failures: string[] = [];
  for (const region of target.regions) {
    write(["", region]);
    const client = target.clients.forRegion(region);
    let found: T;
    try {
      found = await read({ region, client });
    } catch (error) {
      const problem = `could not list ${what}: ${errorMessage(error)}`;
      write([`  ${problem}`]);
      failures.push(`${region}: ${problem}`);
      continue;
    }
    failures.push(...(await act({ region, client, found })));
  }
  return failures;
}
