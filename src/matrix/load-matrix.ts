// Read, schema-parse, then check by rules; every problem in the file is reported at once.
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { ConfigError, UserError } from "../errors.ts";
import { parseJsonText } from "../text/parse-json.ts";
import { checkAxes } from "./check-axes.ts";
import { type Expansion, expandMatrix } from "./expand-matrix.ts";
import { formatFieldPath } from "./field-path.ts";
import { type Matrix, MatrixSchema } from "./schema.ts";

export interface LoadedMatrix extends Expansion {
  file: string;
  matrix: Matrix;
}

export async function loadMatrix({
  file,
  displayName,
}: {
  file: string;
  displayName: string;
}): Promise<LoadedMatrix> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UserError(
      `Cannot read the matrix file ${displayName}: ${(error as NodeJS.ErrnoException).code ?? error}. Pass an existing file with --matrix.`,
      { cause: error },
    );
  }
  return checkMatrixText({ file: displayName, text });
}

export function checkMatrixText({ file, text }: { file: string; text: string }): LoadedMatrix {
  const raw = parseJsonText({ file, text });
  const parsed = MatrixSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError({
      file,
      problems: parsed.error.issues.map((issue) => describeIssue(issue, raw)),
    });
  }
  const matrix = parsed.data;
  const expansion = expandMatrix(matrix);
  const problems = [...checkAxes(matrix), ...expansion.problems];
  if (problems.length > 0) throw new ConfigError({ file, problems });
  return { file, matrix, ...expansion };
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = formatFieldPath(issue.path);
  const value = valueAt(raw, issue.path);
  const shown =
    value !== undefined && (typeof value !== "object" || value === null)
      ? ` (got ${JSON.stringify(value)})`
      : "";
  return `${field}: ${issue.message}${shown}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
