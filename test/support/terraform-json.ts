// Reads a `.tf.json` file's outputs the way Terraform's JSON syntax is documented to: the root's
// properties are block types ("//" is a comment), an `output` block's body takes `value` and a few
// other arguments, and every string of a value, object keys included, is a template in which `$${`
// and `%%{` stand for literal `${` and `%{` while a bare `${` or `%{` would be an interpolation.
// Terraform itself is not installable here; this is the contract the file is checked against.
const OUTPUT_ARGUMENTS = new Set(["value", "description", "sensitive", "depends_on"]);

export function terraformOutputs(text: string): Record<string, unknown> {
  const root = objectOf(JSON.parse(text), "the file's root");
  const outputs: Record<string, unknown> = {};
  for (const [blockType, blocks] of Object.entries(root)) {
    if (blockType === "//") continue;
    if (blockType !== "output") throw new Error(`unexpected top-level block type "${blockType}"`);
    for (const [name, body] of Object.entries(objectOf(blocks, "output"))) {
      const args = objectOf(body, `output "${name}"`);
      for (const arg of Object.keys(args)) {
        if (arg !== "//" && !OUTPUT_ARGUMENTS.has(arg))
          throw new Error(`output "${name}": unsupported argument "${arg}"`);
      }
      if (!("value" in args)) throw new Error(`output "${name}" has no value`);
      if (args.description !== undefined && typeof args.description !== "string")
        throw new Error(`output "${name}": description must be a string`);
      outputs[name] = evaluate(args.value);
    }
  }
  return outputs;
}

function evaluate(value: unknown): unknown {
  if (typeof value === "string") return template(value);
  if (Array.isArray(value)) return value.map(evaluate);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [template(k), evaluate(v)]));
}

function template(text: string): string {
  return text.replace(/([$%])(\1?)\{/g, (match, sign: string, doubled: string) => {
    if (!doubled) throw new Error(`"${text}" holds an interpolation or directive (${match})`);
    return `${sign}{`;
  });
}

function objectOf(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error(`${where} must be a JSON object`);
  return value as Record<string, unknown>;
}
