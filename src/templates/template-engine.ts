// One isolated, strict handlebars instance: a missing variable fails at plan time, never renders blank.

import Handlebars from "handlebars";
import { errorMessage } from "../errors.ts";
import { hclValue } from "./hcl-value.ts";

const engine = Handlebars.create();
// Strict mode does not cover helper arguments, so `{{hcl job.zone}}` must report a missing value itself.
engine.registerHelper(
  "hcl",
  (value: unknown, options: { loc: { start: { line: number; column: number } } }) => {
    if (value === undefined) throw new MissingHelperArgument(options.loc.start);
    return hclValue(value);
  },
);

class MissingHelperArgument extends Error {
  constructor(readonly at: { line: number; column: number }) {
    super("missing helper argument");
  }
}

/** A template that could not be rendered; names the template and, when known, the variable. */
export class TemplateRenderError extends Error {
  readonly template: string;
  readonly variable: string | undefined;
  constructor({
    template,
    variable,
    cause,
  }: { template: string; variable?: string; cause: unknown }) {
    const detail = variable
      ? `uses {{${variable}}}, which is not defined`
      : `cannot be rendered: ${errorMessage(cause)}`;
    super(`${template} ${detail}`, { cause });
    this.name = "TemplateRenderError";
    this.template = template;
    this.variable = variable;
  }
}

const cache = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate({
  name,
  source,
  context,
}: {
  name: string;
  source: string;
  context: object;
}): string {
  try {
    let compiled = cache.get(source);
    if (!compiled) {
      compiled = engine.compile(source, { strict: true, noEscape: true });
      cache.set(source, compiled);
    }
    return compiled(context);
  } catch (error) {
    const variable =
      error instanceof MissingHelperArgument
        ? expressionAt(source, error.at)
        : missingVariable(source, error);
    throw new TemplateRenderError({
      template: name,
      variable,
      cause: error,
    });
  }
}

function missingVariable(source: string, error: unknown): string | undefined {
  const name =
    error instanceof Error ? /^"([^"]+)" not defined in/.exec(error.message)?.[1] : undefined;
  return name && fullExpression(source, name);
}

// Handlebars names only the last segment of a missing path (`os_version`); show the whole `variables.os_version`.
function fullExpression(source: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\{\\{[#/]?\\s*([\\w.@/-]*\\b${escaped})\\b`).exec(source)?.[1] ?? name;
}

// The argument of the helper call that starts at `at` (1-based line, 0-based column), e.g. `job.zone`.
function expressionAt(source: string, at: { line: number; column: number }): string | undefined {
  const line = source.split("\n")[at.line - 1] ?? "";
  return /^\{\{\s*\w+\s+([^\s}]+)/.exec(line.slice(at.column))?.[1];
}
