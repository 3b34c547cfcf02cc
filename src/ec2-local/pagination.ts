// Describe calls page with MaxResults/NextToken; the SDK's paginators loop until nextToken is absent.
import { Ec2Error } from "./ec2-error.ts";
import type { QueryParams } from "./query-params.ts";

const TOKEN_PREFIX = "ec2local:";

function encodeToken(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`).toString("base64url");
}

function decodeToken(token: string): number {
  const decoded = Buffer.from(token, "base64url").toString();
  const offset = Number(decoded.slice(TOKEN_PREFIX.length));
  if (!decoded.startsWith(TOKEN_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new Ec2Error("InvalidPaginationToken", `The pagination token '${token}' is invalid`);
  }
  return offset;
}

export function paginate<T>(options: { items: readonly T[]; params: QueryParams }): {
  page: T[];
  nextToken: string | undefined;
} {
  const { items, params } = options;
  const maxResults = params.int("MaxResults");
  const token = params.get("NextToken");
  const offset = token ? decodeToken(token) : 0;
  if (maxResults === undefined) return { page: items.slice(offset), nextToken: undefined };
  if (maxResults < 1) {
    throw new Ec2Error("InvalidParameterValue", `MaxResults must be at least 1, got ${maxResults}`);
  }
  const end = offset + maxResults;
  return {
    page: items.slice(offset, end),
    nextToken: end < items.length ? encodeToken(end) : undefined,
  };
}
