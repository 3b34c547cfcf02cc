// Values go into HCL as literals, so a matrix value can never inject HCL or `${...}` interpolation.
export function hclValue(value: unknown): string {
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(hclValue).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${hclString(k)} = ${hclValue(v)}`);
    return entries.length === 0 ? "{}" : `{\n${entries.map((e) => `    ${e}`).join("\n")}\n  }`;
  }
  throw new TypeError(`cannot write ${String(value)} as an HCL value`);
}

function hclString(text: string): string {
  const escaped = text
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r")
    .replaceAll("\t", "\\t")
    .replaceAll("${", () => "$${")
    .replaceAll("%{", "%%{");
  return `"${escaped}"`;
}
