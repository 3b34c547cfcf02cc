// Describe calls narrow results by `Filter.N` with `*`/`?` wildcards; one matcher serves every resource.
import { invalidParameterValue } from "./ec2-error.ts";
import type { Filter } from "./query-params.ts";

/** Values of one resource for one filter name; a tag filter reads `tags`. */
export interface FilterSpec<T> {
  fields: Record<string, (item: T) => string | boolean | number | undefined | readonly string[]>;
  tags?: (item: T) => ReadonlyMap<string, string>;
}

// EC2 wildcards: `*` any run, `?` one character, backslash escapes either (and itself).
function wildcardToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    const next = pattern[i + 1];
    if (char === "\\" && next !== undefined && "*?\\".includes(next)) {
      source += `\\${next}`;
      i++;
    } else if (char === "*") {
      source += "[\\s\\S]*";
    } else if (char === "?") {
      source += "[\\s\\S]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

export function matchesWildcard(pattern: string, value: string): boolean {
  return wildcardToRegExp(pattern).test(value);
}

function asStrings(value: string | boolean | number | undefined | readonly string[]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value];
  return [String(value)];
}

function valuesFor<T>(options: { spec: FilterSpec<T>; item: T; name: string }): string[] {
  const { spec, item, name } = options;
  const tags = spec.tags?.(item);
  if (tags && name.startsWith("tag:")) {
    const value = tags.get(name.slice(4));
    return value === undefined ? [] : [value];
  }
  if (tags && name === "tag-key") return [...tags.keys()];
  if (tags && name === "tag-value") return [...tags.values()];
  const field = spec.fields[name];
  return field ? asStrings(field(item)) : [];
}

function isKnownFilter<T>(spec: FilterSpec<T>, name: string): boolean {
  if (name in spec.fields) return true;
  return (
    spec.tags !== undefined &&
    (name.startsWith("tag:") || name === "tag-key" || name === "tag-value")
  );
}

/** Items matching every filter (any of its values); an unknown filter name is an error, as in EC2. */
export function applyFilters<T>(options: {
  items: readonly T[];
  filters: readonly Filter[];
  spec: FilterSpec<T>;
}): T[] {
  const { items, filters, spec } = options;
  for (const filter of filters) {
    if (!isKnownFilter(spec, filter.name)) {
      throw invalidParameterValue(`The filter '${filter.name}' is invalid`);
    }
  }
  const compiled = filters.map((filter) => ({
    name: filter.name,
    patterns: filter.values.map(wildcardToRegExp),
  }));
  return items.filter((item) =>
    compiled.every(({ name, patterns }) => {
      const values = valuesFor({ spec, item, name });
      return patterns.some((pattern) => values.some((value) => pattern.test(value)));
    }),
  );
}
