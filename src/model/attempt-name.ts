// Every attempt's AMI gets a name of its own, `<amiName>-<runId>-a<N>`, so a retry never collides with
// what the last one half-made, and an AMI Packer made but never tagged (it tags only at the end) still
// says which run and attempt it came from. The plan, the Packer command and sweep all use this one rule.
import { RUN_ID_PATTERN } from "./run-id.ts";

export function attemptAmiName(
  { amiName, runId }: { amiName: string; runId: string },
  attempt: number,
): string {
  return `${amiName}-${runId}-a${attempt}`;
}

const ATTEMPT_SUFFIX = new RegExp(`-(${RUN_ID_PATTERN.source})-a(\\d+)$`);

export function parseAttemptName(name: string): { runId: string; attempt: number } | undefined {
  const match = ATTEMPT_SUFFIX.exec(name);
  if (!match) return undefined;
  return { runId: match[1] as string, attempt: Number(match[2]) };
}
