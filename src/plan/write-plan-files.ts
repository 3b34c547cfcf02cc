// Each job's folder gets the exact template and commands, so a user can read and rerun what was built.
import path from "node:path";
import { outputFile } from "fs-extra/esm";
import { shellQuote } from "../text/shell-quote.ts";
import type { Plan, PlannedJob } from "./make-plan.ts";
import { ATTEMPT_NOTE } from "./packer-command.ts";

export async function writePlanFiles({
  plan,
  packerPath,
}: {
  plan: Plan;
  packerPath: string;
}): Promise<void> {
  await Promise.all(
    plan.jobs.map(async (planned) => {
      if (planned.action === "skip") {
        const note = `# Job ${planned.job.id}: skipped, nothing is built (${planned.skipReason ?? "skipped"}).\n`;
        await outputFile(path.join(planned.dir, "command.txt"), note);
        return;
      }
      if (planned.action === "copy") {
        const note = `# Job ${planned.job.id}: no Packer build; ami-matrix copies the AMI of ${planned.needs.join(", ")} here with CopyImage, then tags, shares and verifies it.\n`;
        await outputFile(path.join(planned.dir, "command.txt"), note);
        return;
      }
      await outputFile(planned.templateFile, planned.templateText);
      const lines = [
        `# Job ${planned.job.id}: the commands ami-matrix runs (${ATTEMPT_NOTE}).`,
        `cd ${shellQuote(planned.dir)}`,
        ...(planned.commands.init
          ? [[packerPath, ...planned.commands.init].map(shellQuote).join(" ")]
          : []),
        [packerPath, ...planned.commands.build].map(shellQuote).join(" "),
        "",
      ];
      await outputFile(path.join(planned.dir, "command.txt"), lines.join("\n"));
    }),
  );
}

/** Only the rendered templates, for `packer validate` to read before the rest of the plan is known. */
export async function writeTemplateFiles(jobs: readonly PlannedJob[]): Promise<void> {
  await Promise.all(jobs.map((planned) => outputFile(planned.templateFile, planned.templateText)));
}
