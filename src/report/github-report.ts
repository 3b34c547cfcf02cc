// At the end of a run inside GitHub Actions (GITHUB_ACTIONS=true): the annotations and groups of
// github-output.ts on stdout, where the runner reads workflow commands, and the Markdown summary
// appended to the file GITHUB_STEP_SUMMARY names. Everything is masked; a failure's last lines are
// fenced off with stop-commands, so what a provisioning script printed is never read as a command.
import { randomUUID } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { errorMessage } from "../errors.ts";
import type { JobOutcome } from "../model/job.ts";
import { githubCommands, markdownSummary } from "./github-output.ts";

export function inGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === "true";
}

export async function reportToGitHub({
  outcomes,
  env,
  title,
  write,
  mask,
  outputTail,
}: {
  outcomes: readonly JobOutcome[];
  env: NodeJS.ProcessEnv;
  /** The summary's heading, e.g. `AMI build, shard 1/3, run 20261122T214731Z-e4c2`. */
  title: string;
  write: (text: string) => void;
  mask: (text: string) => string;
  /** A failed job's last lines of output, from its log. */
  outputTail: (log: string) => string[];
}): Promise<void> {
  if (!inGitHubActions(env)) return;
  const token = randomUUID();
  const tails = new Map(
    outcomes
      .filter((outcome) => outcome.status === "failed")
      .map((outcome) => {
        const tail = outputTail(outcome.log);
        return [
          outcome.job.id,
          tail.length === 0 ? [] : [`::stop-commands::${token}`, ...tail, `::${token}::`],
        ];
      }),
  );
  const lines = githubCommands(outcomes, { tails }).map(mask);
  if (lines.length > 0) write(`${lines.join("\n")}\n`);
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  try {
    await appendFile(summaryFile, `${mask(markdownSummary(outcomes, { title }))}\n`);
  } catch (error) {
    write(`::warning::could not append to the step summary: ${mask(errorMessage(error))}\n`);
  }
}
