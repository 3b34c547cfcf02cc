// Rules on the axes and on the per-value settings, each problem naming its field.
import { VIRTUALIZATIONS } from "../model/job.ts";
import { closestMatch } from "../text/closest-match.ts";
import { AWS_REGIONS } from "./aws-regions.ts";
import type { AxisName, Matrix } from "./schema.ts";

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const ALLOWED: Record<AxisName, { values?: readonly string[]; what: string }> = {
  image: { what: "an image name (lowercase letters, digits, '.', '_', '-')" },
  virtualization: { values: VIRTUALIZATIONS, what: "a virtualization type" },
  region: { values: AWS_REGIONS, what: "an AWS region" },
};

export function checkAxes(matrix: Matrix): string[] {
  const problems: string[] = [];
  for (const axis of Object.keys(ALLOWED) as AxisName[]) {
    const values = matrix.axes[axis];
    const { values: allowed, what } = ALLOWED[axis];
    if (values.length === 0) problems.push(`axes.${axis}: is empty; list at least one value`);
    const seen = new Set<string>();
    values.forEach((value, index) => {
      const field = `axes.${axis}[${index}]`;
      if (seen.has(value))
        problems.push(`${field}: "${value}" is listed twice; remove the duplicate`);
      seen.add(value);
      if (allowed && !allowed.includes(value)) {
        const guess = closestMatch(value, allowed);
        const listed =
          allowed.length <= 10 ? allowed.join(", ") : `the codes in src/matrix/aws-regions.ts`;
        problems.push(
          `${field}: "${value}" is not ${what}; ${guess ? `did you mean "${guess}"? ` : ""}allowed: ${listed}`,
        );
      } else if (!allowed && !NAME_PATTERN.test(value)) {
        problems.push(`${field}: "${value}" is not ${what}`);
      }
    });
    for (const key of Object.keys(matrix[axis] ?? {})) {
      if (!values.includes(key)) {
        problems.push(
          `${axis}.${key}: settings for "${key}", which axes.${axis} does not list; listed: ${values.join(", ") || "(none)"}`,
        );
      }
    }
  }
  return problems;
}
