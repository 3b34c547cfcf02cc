// One isolated, strict handlebars instance: a missing variable fails at plan time, never renders blank.
import Handlebars from "handlebars";
import { hclValue } from "./hcl-value.ts";

const engine = Handlebars.create();
engine.registerHelper("hcl", (value: unknown) => hclValue(value));

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
      : `cannot be rendered: ${cause instanceof Error ? cause.message : String(cause)}`;
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
    const missing = error instanceof Error ? /^"([^"]+)" not defined in/.exec(error.message) : null;
    throw new TemplateRenderError({ template: name, variable: missing?.[1], cause: error });
  }
}
