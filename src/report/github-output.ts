// Pure: what a run tells GitHub Actions when it runs there: an annotation per failed cell (and a
// warning per skipped one), the last lines of each failure in a collapsible group, and a Markdown
// summary for the step summary page.
import { isCopyJob, type JobOutcome } from "../model/job.ts";
import { formatDuration } from "../text/durations.ts";
import { firstLine } from "../text/first-line.ts";
import { plural } from "../text/plural.ts";

/** A failed job's last lines of output, masked, for its group in the log. */
export type FailureTails = ReadonlyMap<string, readonly string[]>;

// Workflow commands end at a newline and take `key=value,…` properties, so both are escaped.
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

export function githubCommands(
  outcomes: readonly JobOutcome[],
  { tails = new Map() }: { tails?: FailureTails } = {},
): string[] {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const id = outcome.job.id;
    const reason = firstLine(outcome.error) ?? outcome.status;
    if (outcome.status === "failed") {
      const tail = tails.get(id) ?? [];
      if (tail.length > 0)
        lines.push(`::group::${id}: last lines of output`, ...tail, "::endgroup::");
      lines.push(`::error title=${escapeProperty(id)}::${escapeData(reason)}`);
    } else if (outcome.status === "skipped" || outcome.status === "interrupted") {
      lines.push(
        `::warning title=${escapeProperty(id)}::${escapeData(`${outcome.status}: ${reason}`)}`,
      );
    }
  }
  return lines;
}

export function markdownSummary(
  outcomes: readonly JobOutcome[],
  { title = "AMI build" }: { title?: string } = {},
): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const shown = shownStatus(outcome);
    counts.set(shown, (counts.get(shown) ?? 0) + 1);
  }
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  const rows = outcomes.map((outcome) => {
    const ami = outcome.amis[outcome.job.region] ?? "";
    const note = outcome.status === "succeeded" ? "" : (firstLine(outcome.error) ?? "");
    return `| \`${outcome.job.id}\` | ${shownStatus(outcome)} | ${ami ? `\`${ami}\`` : ""} | ${formatDuration(outcome.durationMs, "tenths")} | ${cell(note)} |`;
  });
  return [
    `### ${title}: ${plural(outcomes.length, "cell")}${tally ? `, ${tally}` : ""}`,
    "",
    "| cell | status | AMI | time | note |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

// A reader of the page asks what happened to each cell: built, copied from its home region's build,
// unchanged (its listed AMI kept), or what stopped it.
function shownStatus(outcome: JobOutcome): string {
  if (outcome.status !== "succeeded") return outcome.status;
  return isCopyJob(outcome.job) ? "copied" : "built";
}

// A table cell holds one line, and a `|` would end it.
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replace(/\s+/g, " ");
}
