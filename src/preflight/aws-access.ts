// Before anything is spent: credentials resolve and every region of the plan answers.
// Every problem is collected, so one run shows them all.
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import pLimit from "p-limit";
import type { Ec2Clients } from "../aws/ec2-clients.ts";
import { errorMessage, UserError } from "../errors.ts";

const CREDENTIAL_HELP =
  "give AWS credentials in one of the standard ways: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), AWS_PROFILE with ~/.aws/credentials or ~/.aws/config, `aws sso login`, or an instance or container role";

export async function checkAwsAccess({
  clients,
  regions,
}: {
  clients: Ec2Clients;
  regions: readonly string[];
}): Promise<string[]> {
  const [first] = regions;
  if (first === undefined) return [];
  try {
    await clients.credentials(first);
  } catch (error) {
    if (error instanceof UserError) return [`AWS credentials: ${error.message}`];
    return [`AWS credentials: none could be loaded (${errorMessage(error)}); ${CREDENTIAL_HELP}`];
  }
  const limit = pLimit(4);
  const problems = await Promise.all(
    regions.map((region) =>
      limit(async () => {
        try {
          await clients
            .forRegion(region)
            .send(new DescribeRegionsCommand({ RegionNames: [region] }));
          return undefined;
        } catch (error) {
          return `region ${region} does not answer: ${errorMessage(error)}${hint(error)}`;
        }
      }),
    ),
  );
  return problems.filter((p) => p !== undefined);
}

function hint(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (/AuthFailure|UnauthorizedOperation|InvalidClientTokenId|SignatureDoesNotMatch/.test(name)) {
    return "; check the credentials and that the region is enabled for the account (opt-in regions must be enabled first)";
  }
  return "";
}
