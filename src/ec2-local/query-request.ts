// Every EC2 call arrives as a form; the region it is meant for is only in the SigV4 credential scope.
import { Ec2Error } from "./ec2-error.ts";
import { QueryParams } from "./query-params.ts";

export interface QueryRequest {
  action: string;
  region: string;
  params: QueryParams;
}

const CREDENTIAL_IN_HEADER = /Credential=([^,\s]+)/;

/** Region of `Credential=AKID/DATE/REGION/SERVICE/aws4_request`, from the header or a presigned URL. */
function regionFromCredential(options: {
  authorization: string | undefined;
  presignedCredential: string | undefined;
}): string | undefined {
  const { authorization, presignedCredential } = options;
  const credential = authorization?.match(CREDENTIAL_IN_HEADER)?.[1] ?? presignedCredential;
  const region = credential?.split("/")[2];
  return region === undefined || region === "" ? undefined : region;
}

export function parseQueryRequest(options: {
  search: string;
  body: string;
  authorization: string | undefined;
}): QueryRequest {
  const { search, body, authorization } = options;
  const entries = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(search)) entries.set(key, value);
  for (const [key, value] of new URLSearchParams(body)) entries.set(key, value);

  const region = regionFromCredential({
    authorization,
    presignedCredential: entries.get("X-Amz-Credential"),
  });
  if (region === undefined) {
    throw new Ec2Error(
      "AuthFailure",
      "The request is not signed with AWS Signature Version 4: no region in the credential scope",
    );
  }
  const action = entries.get("Action");
  if (action === undefined || action === "") {
    throw new Ec2Error("MissingAction", "The request must contain the parameter Action");
  }
  for (const key of [...entries.keys()]) {
    if (key === "Action" || key === "Version" || key.startsWith("X-Amz-")) entries.delete(key);
  }
  return { action, region, params: new QueryParams(entries) };
}
