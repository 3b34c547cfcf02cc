// Before anything is launched: which cells are unchanged. The AMI list says which AMI each cell lists,
// and EC2, in the cell's region, whether that AMI still exists, is available, carries this plan's
// fingerprint and is shared as the matrix asks. One DescribeImages per region, one
// DescribeImageAttribute per AMI that could be unchanged.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DescribeImageAttributeCommand } from "@aws-sdk/client-ec2";
import pLimit from "p-limit";
import { buildsOfIndex } from "../ami-list/cell-builds.ts";
import { INDEX_FILE } from "../ami-list/cell-path.ts";
import { scanCells } from "../ami-list/scan-cells.ts";
import { describeOwnImages } from "../aws/describe-all.ts";
import { describeAwsError, isAwsError } from "../aws/describe-aws-error.ts";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { TAG } from "../model/tags.ts";
import type { PlannedJob } from "../plan/make-plan.ts";
import { checkSharing, needsSharingCheck } from "../verify/verify-checks.ts";
import { type Decision, decideChange, type ListedAmi } from "./decide-changes.ts";

const REGION_CONCURRENCY = 4;

export async function findUnchanged({
  jobs,
  amiListDir,
  clients,
  forced,
}: {
  jobs: readonly PlannedJob[];
  amiListDir: string;
  clients: Ec2Clients;
  /** Jobs to rebuild whatever they find (`--force`). */
  forced: (jobId: string) => boolean;
}): Promise<Map<string, Decision>> {
  const [{ cells }, indexText] = await Promise.all([
    scanCells(amiListDir),
    readFile(path.join(amiListDir, INDEX_FILE), "utf8").catch(() => undefined),
  ]);
  const builds = buildsOfIndex(indexText);
  const listedOf = (planned: PlannedJob) => cells[planned.job.amiListFile];
  const byRegion = new Map<string, PlannedJob[]>();
  for (const planned of jobs) {
    if (!listedOf(planned) || forced(planned.job.id)) continue;
    byRegion.set(planned.region, [...(byRegion.get(planned.region) ?? []), planned]);
  }
  const limit = pLimit(REGION_CONCURRENCY);
  const found = new Map<string, ListedAmi | Error>();
  await Promise.all(
    [...byRegion].map(([region, regionJobs]) =>
      limit(async () => {
        try {
          for (const [id, ami] of await listedAmis(clients, region, regionJobs, listedOf))
            found.set(id, ami);
        } catch (error) {
          if (!isAwsError(error)) throw error;
          const problem = new Error(describeAwsError(error, { action: "DescribeImages", region }));
          for (const planned of regionJobs) found.set(planned.job.id, problem);
        }
      }),
    ),
  );
  return new Map(
    jobs.map((planned): [string, Decision] => {
      const listedAmi = found.get(planned.job.id);
      if (listedAmi instanceof Error)
        return [planned.job.id, { build: true, reason: `not checked (${listedAmi.message})` }];
      const listed = listedOf(planned);
      const build = builds[planned.job.amiListFile];
      const decision = decideChange({
        cell: {
          id: planned.job.id,
          fingerprint: planned.fingerprint,
          inputs: planned.inputs,
          ...(listed ? { listed } : {}),
          ...(build ? { build } : {}),
        },
        listedAmi,
        forced: forced(planned.job.id),
      });
      return [planned.job.id, decision];
    }),
  );
}

// What EC2 says of the region's listed AMIs: job id → the AMI as the decision needs it.
async function listedAmis(
  clients: Ec2Clients,
  region: string,
  jobs: readonly PlannedJob[],
  listedOf: (planned: PlannedJob) => string | undefined,
): Promise<Map<string, ListedAmi>> {
  const client = clients.forRegion(region);
  const ids = [...new Set(jobs.map(listedOf).filter((id): id is string => id !== undefined))];
  const images = await describeOwnImages(client, [{ Name: "image-id", Values: ids }]);
  const answers = new Map<string, ListedAmi>();
  for (const planned of jobs) {
    const id = listedOf(planned) as string;
    const image = images.find((i) => i.ImageId === id);
    const fingerprint = image?.Tags?.find((t) => t.Key === TAG.fingerprint)?.Value;
    const ami: ListedAmi = {
      id,
      ...(image?.State ? { state: image.State } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    };
    const expected = {
      region,
      amiId: id,
      runId: "",
      jobId: planned.job.id,
      amiGroups: planned.job.amiGroups,
      amiUsers: planned.job.amiUsers,
    };
    // Sharing is asked only of an AMI that could otherwise be kept.
    if (
      ami.state === "available" &&
      fingerprint === planned.fingerprint &&
      needsSharingCheck(expected)
    ) {
      const answer = await client.send(
        new DescribeImageAttributeCommand({ ImageId: id, Attribute: "launchPermission" }),
      );
      ami.sharedAsAsked = checkSharing(expected, answer.LaunchPermissions ?? []).ok;
    }
    answers.set(planned.job.id, ami);
  }
  return answers;
}
