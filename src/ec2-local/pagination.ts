// Describe calls page with MaxResults/NextToken; the SDK's paginators loop until nextToken is absent.
import { Ec2Error } from "./ec2-error.ts";
import type { QueryParams } from "./query-params.ts";

const TOKEN_PREFIX = "ec2local:";

/** An action's own MaxResults bounds, and the page size when none is asked for. */
export interface PageLimits {
  min: number;
  max: number;
  default: number;
}

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

function pageSize(params: QueryParams, limits: PageLimits | undefined): number | undefined {
  const maxResults = params.int("MaxResults");
  if (limits === undefined) {
    if (maxResults !== undefined && maxResults < 1) {
      throw new Ec2Error(
        "InvalidParameterValue",
        `MaxResults must be at least 1, got ${maxResults}`,
      );
    }
    return maxResults;
  }
  if (maxResults === undefined) return limits.default;
  if (maxResults < limits.min || maxResults > limits.max) {
    throw new Ec2Error(
      "InvalidParameterValue",
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Parameter must be between ${limits.min} and ${limits.max}.`,
    );
  }
  return maxResults;
}

export function paginate<T>(options: {
  items: readonly T[];
  params: QueryParams;
  limits?: PageLimits;
}): {
  page: T[];
  nextToken: string | undefined;
} {
  const { items, params, limits } = options;
  const token = params.get("NextToken");
  const offset = token ? decodeToken(token) : 0;
  const size = pageSize(params, limits);
  if (size === undefined) return { page: items.slice(offset), nextToken: undefined };
  const end = offset + size;
  return {
    page: items.slice(offset, end),
    nextToken: end < items.length ? encodeToken(end) : undefined,
  };
}
