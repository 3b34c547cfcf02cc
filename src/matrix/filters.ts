// `--only` and `--exclude` in the words Packer users type: `AXIS=V1,V2` (values may be globs, such as
// `region=us-*`) or job ids and id globs (`spark/us-*/hvm`, `*/eu-west-1/pv`), comma-separated and
// repeatable. Selectors of one kind (the same axis, or job ids) add up; different kinds narrow each
// other. Every selector must match some cell of the matrix, so a typo is an error, not an empty plan.
import picomatch from "picomatch";
import { UserError } from "../errors.ts";
import type { Job } from "../model/job.ts";
import { AXIS_NAMES, type AxisName } from "./schema.ts";

type Flag = "--only" | "--exclude";

export interface Filter {
  flag: Flag;
  /** An axis, or `id` for job-id patterns. */
  key: AxisName | "id";
  /** Globs; a plain value matches only itself. */
  patterns: string[];
}

export function parseFilters({
  only,
  exclude,
  jobs,
}: {
  only: readonly string[];
  exclude: readonly string[];
  /** Every cell of the matrix: what the selectors must match. */
  jobs: readonly Job[];
}): Filter[] {
  const problems: string[] = [];
  const filters: Filter[] = [];
  const parse = (flag: Flag, text: string) => {
    const filter = text.includes("=") ? axisFilter(flag, text) : idFilter(flag, text);
    if (typeof filter === "string") problems.push(filter);
    else {
      const unmatched = filter.patterns.filter(
        (p) => !jobs.some((job) => matches(job, filter.key, p)),
      );
      if (unmatched.length === 0) filters.push(filter);
      else problems.push(noMatch({ flag, text, key: filter.key, unmatched, jobs }));
    }
  };
  for (const text of only) parse("--only", text);
  for (const text of exclude) parse("--exclude", text);
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return filters;
}

export function applyFilters(jobs: readonly Job[], filters: readonly Filter[]): Job[] {
  const onlyByKey = new Map<Filter["key"], string[]>();
  for (const f of filters.filter((f) => f.flag === "--only"))
    onlyByKey.set(f.key, [...(onlyByKey.get(f.key) ?? []), ...f.patterns]);
  const excludes = filters.filter((f) => f.flag === "--exclude");
  return jobs.filter(
    (job) =>
      [...onlyByKey].every(([key, patterns]) => patterns.some((p) => matches(job, key, p))) &&
      !excludes.some((f) => f.patterns.some((p) => matches(job, f.key, p))),
  );
}

function axisFilter(flag: Flag, text: string): Filter | string {
  const match = /^([^=]+)=(.+)$/.exec(text);
  if (!match?.[1] || !match[2]) return `${flag} ${text}: ${USAGE(flag)}`;
  const axis = match[1].trim();
  if (!(AXIS_NAMES as readonly string[]).includes(axis)) {
    return `${flag} ${text}: unknown axis "${axis}"; axes: ${AXIS_NAMES.join(", ")}`;
  }
  return { flag, key: axis as AxisName, patterns: split(match[2]) };
}

function idFilter(flag: Flag, text: string): Filter | string {
  const patterns = split(text);
  const bad = patterns.find((p) => p.split("/").length !== 3);
  if (patterns.length === 0 || bad !== undefined) return `${flag} ${text}: ${USAGE(flag)}`;
  return { flag, key: "id", patterns };
}

const USAGE = (flag: Flag) =>
  `expected AXIS=VALUE[,VALUE...] or job ids IMAGE/REGION/VIRTUALIZATION (globs allowed), for example ${flag} region=us-east-1 or ${flag} 'spark/us-*/hvm'`;

function split(list: string): string[] {
  return list
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

function matches(job: Job, key: Filter["key"], pattern: string): boolean {
  return picomatch.isMatch(job[key], pattern, { dot: true });
}

function noMatch({
  flag,
  text,
  key,
  unmatched,
  jobs,
}: {
  flag: Flag;
  text: string;
  key: Filter["key"];
  unmatched: string[];
  jobs: readonly Job[];
}): string {
  const names = unmatched.map((p) => `"${p}"`).join(", ");
  if (key === "id") {
    return `${flag} ${text}: ${names} matches no job of the matrix; job ids are IMAGE/REGION/VIRTUALIZATION, e.g. ${jobs[0]?.id ?? "base/us-east-1/hvm"}`;
  }
  const values = [...new Set(jobs.map((job) => job[key]))];
  return `${flag} ${text}: ${names} not in the matrix's ${key} axis; values: ${values.join(", ")}`;
}
