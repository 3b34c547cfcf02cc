// `--only axis=v1,v2` and `--exclude axis=v`: parsed and checked against the matrix, then applied.
import { UserError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import { AXIS_NAMES, type AxisName, type Matrix } from "./schema.ts";

export interface Filter {
  flag: "--only" | "--exclude";
  axis: AxisName;
  values: string[];
}

export function parseFilters({
  only,
  exclude,
  matrix,
}: {
  only: readonly string[];
  exclude: readonly string[];
  matrix: Matrix;
}): Filter[] {
  const problems: string[] = [];
  const filters: Filter[] = [];
  const parse = (flag: Filter["flag"], text: string) => {
    const match = /^([^=]+)=(.+)$/.exec(text);
    if (!match?.[1] || !match[2]) {
      problems.push(
        `${flag} ${text}: expected AXIS=VALUE[,VALUE...], for example ${flag} region=us-east-1`,
      );
      return;
    }
    const axis = match[1].trim();
    if (!(AXIS_NAMES as readonly string[]).includes(axis)) {
      problems.push(`${flag} ${text}: unknown axis "${axis}"; axes: ${AXIS_NAMES.join(", ")}`);
      return;
    }
    const known = matrix.axes[axis as AxisName];
    const values = match[2].split(",").map((v) => v.trim());
    const unknown = values.filter((v) => !known.includes(v));
    if (unknown.length > 0) {
      problems.push(
        `${flag} ${text}: ${unknown.map((v) => `"${v}"`).join(", ")} not in the matrix's ${axis} axis; values: ${known.join(", ")}`,
      );
      return;
    }
    filters.push({ flag, axis: axis as AxisName, values });
  };
  for (const text of only) parse("--only", text);
  for (const text of exclude) parse("--exclude", text);
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return filters;
}

export function applyFilters(jobs: readonly Job[], filters: readonly Filter[]): Job[] {
  return jobs.filter((job) =>
    filters.every((f) => f.values.includes(job[f.axis]) === (f.flag === "--only")),
  );
}
