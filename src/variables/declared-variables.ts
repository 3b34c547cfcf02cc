// Pure: the `variable "NAME" { … }` blocks of rendered templates, and which say `sensitive = true`.
// A --var must name one of them (Packer ignores PKR_VAR_ for a variable no template declares, so a typo
// would pass unnoticed), and a sensitive one's value is masked wherever the run shows it.
import { type HclToken, hclTokens } from "./hcl-tokens.ts";

/** Variable name → declared sensitive in at least one of the templates. */
export type DeclaredVariables = ReadonlyMap<string, { sensitive: boolean }>;

export function declaredVariables(templateTexts: Iterable<string>): DeclaredVariables {
  const declared = new Map<string, { sensitive: boolean }>();
  for (const text of new Set(templateTexts)) {
    for (const { name, sensitive } of variableBlocks(hclTokens(text))) {
      const known = declared.get(name);
      declared.set(name, { sensitive: sensitive || known?.sensitive === true });
    }
  }
  return declared;
}

function variableBlocks(tokens: readonly HclToken[]): { name: string; sensitive: boolean }[] {
  const blocks: { name: string; sensitive: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [keyword, label, open] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (keyword?.depth !== 0 || keyword.kind !== "word" || keyword.text !== "variable") continue;
    if (label?.kind !== "string" || open?.text !== "{") continue;
    let sensitive = false;
    let j = i + 3;
    for (; j < tokens.length && (tokens[j] as HclToken).depth > 0; j++) {
      const [key, equals, value] = [tokens[j], tokens[j + 1], tokens[j + 2]];
      if (key?.depth === 1 && key.kind === "word" && key.text === "sensitive")
        sensitive ||= equals?.text === "=" && value?.text === "true";
    }
    blocks.push({ name: label.text, sensitive });
    i = j;
  }
  return blocks;
}
