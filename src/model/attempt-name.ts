// Packer tags an AMI only once it is available, so the pending AMI of a killed run carries no tags.
// Its name still says whose it is: every attempt's AMI is named `<amiName>-<runId>-a<N>`, with the
// run id from newRunId (`20261122T214731Z-e4c2`).
const ATTEMPT_SUFFIX = /-(\d{8}T\d{6}Z-[0-9a-f]{4})-a(\d+)$/;

export function parseAttemptName(name: string): { runId: string; attempt: number } | undefined {
  const match = ATTEMPT_SUFFIX.exec(name);
  if (!match) return undefined;
  return { runId: match[1] as string, attempt: Number(match[2]) };
}
