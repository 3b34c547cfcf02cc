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

const ADVICE = {
  variable: "Add it to the matrix (for example under variables) or remove it from the template.",
  syntax:
    "Fix the template's handlebars syntax: each {{ closes with }}, each {{#if}} or {{#each}} with its {{/if}} or {{/each}}.",
  other: "Fix the template.",
} as const;

/** A template that could not be rendered; names the template and the variable or the line. */
export class TemplateRenderError extends Error {
  readonly template: string;
  readonly variable: string | undefined;
  /** What to do about it, as a sentence. */
  readonly advice: string;
  constructor({
    template,
    variable,
    syntax,
    cause,
  }: {
    template: string;
    variable?: string;
    /** A handlebars syntax error: its line (1-based) and what is wrong there. */
    syntax?: { line: number; problem: string };
    cause: unknown;
  }) {
    const detail = variable
      ? `uses {{${variable}}}, which is not defined`
      : syntax
        ? `has a handlebars syntax error on line ${syntax.line}: ${syntax.problem}`
        : `cannot be rendered: ${errorMessage(cause)}`;
    super(`${template} ${detail}`, { cause });
    this.name = "TemplateRenderError";
    this.template = template;
    this.variable = variable;
    this.advice = ADVICE[variable ? "variable" : syntax ? "syntax" : "other"];
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
      syntax: variable ? undefined : syntaxError(source, error),
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

// Handlebars' parse errors (`Parse error on line 2: …`) and block mismatches (`if doesn't match each - 5:3`)
// as a line and the text found there; undefined for other errors.
function syntaxError(
  source: string,
  error: unknown,
): { line: number; problem: string } | undefined {
  const message = error instanceof Error ? error.message : "";
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) {
    const line = Number(parse[1]);
    const text = (source.split("\n")[line - 1] ?? "").trim();
    const ended = /got 'EOF'$/.test(message);
    return {
      line,
      problem: ended ? "the template ends before a tag or block is closed" : `\`${text}\``,
    };
  }
  const block = /^(\w+) doesn't match (\w+) - (\d+):\d+$/.exec(message);
  if (!block) return undefined;
  return { line: Number(block[3]), problem: `{{#${block[1]}}} is closed by {{/${block[2]}}}` };
}
