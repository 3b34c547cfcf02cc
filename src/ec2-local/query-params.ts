// EC2's Query protocol flattens lists and structures into `Name.N.Member` keys; this reads them back.
import { invalidParameterValue, missingParameter } from "./ec2-error.ts";

export interface Filter {
  name: string;
  values: string[];
}

export interface TagInput {
  key: string;
  value: string | undefined;
}

export class QueryParams {
  readonly #entries: ReadonlyMap<string, string>;

  constructor(entries: ReadonlyMap<string, string>) {
    this.#entries = entries;
  }

  /** The value, with an empty value treated as absent (Go SDKs send `VpcId=` for an unset string). */
  get(name: string): string | undefined {
    const value = this.#entries.get(name);
    return value === "" ? undefined : value;
  }

  /** The value exactly as sent, empty included. */
  raw(name: string): string | undefined {
    return this.#entries.get(name);
  }

  required(name: string): string {
    const value = this.#entries.get(name);
    if (value === undefined || value === "") throw missingParameter(name);
    return value;
  }

  int(name: string): number | undefined {
    const raw = this.#entries.get(name);
    if (raw === undefined || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw invalidParameterValue(`Invalid value '${raw}' for ${name}`);
    return value;
  }

  bool(name: string): boolean | undefined {
    const raw = this.#entries.get(name);
    if (raw === undefined || raw === "") return undefined;
    if (raw !== "true" && raw !== "false") {
      throw invalidParameterValue(`Invalid value '${raw}' for ${name}, expected true or false`);
    }
    return raw === "true";
  }

  /** Values of `prefix.1`, `prefix.2`, ... in index order. */
  list(prefix: string): string[] {
    return this.#indexed(prefix)
      .map((index) => this.#entries.get(`${prefix}.${index}`))
      .filter((value): value is string => value !== undefined);
  }

  /** Each `prefix.N.*` group as its own parameters, in index order. */
  structs(prefix: string): QueryParams[] {
    return this.#indexed(prefix).map((index) => this.sub(`${prefix}.${index}`));
  }

  /** The members under `prefix.`, with the prefix removed. */
  sub(prefix: string): QueryParams {
    const start = `${prefix}.`;
    const entries = new Map<string, string>();
    for (const [key, value] of this.#entries) {
      if (key.startsWith(start)) entries.set(key.slice(start.length), value);
    }
    return new QueryParams(entries);
  }

  isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  filters(): Filter[] {
    return this.structs("Filter").map((filter) => ({
      name: filter.required("Name"),
      values: filter.list("Value"),
    }));
  }

  tags(prefix = "Tag"): TagInput[] {
    return this.structs(prefix).map((tag) => ({
      key: tag.required("Key"),
      value: tag.get("Value"),
    }));
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.#entries);
  }

  #indexed(prefix: string): number[] {
    const start = `${prefix}.`;
    const indexes = new Set<number>();
    for (const key of this.#entries.keys()) {
      if (!key.startsWith(start)) continue;
      const index = Number(key.slice(start.length).split(".")[0]);
      if (Number.isInteger(index)) indexes.add(index);
    }
    return [...indexes].sort((a, b) => a - b);
  }
}
