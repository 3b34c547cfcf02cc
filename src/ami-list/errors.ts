import { UserError } from "../errors.ts";

// A cell path comes from the matrix, so a bad one is the user's to fix (exit 2, no stack trace).
export class AmiListPathError extends UserError {
  override name = "AmiListPathError";
}

// An AMI id we were about to store is malformed: Packer's output changed or we parsed it wrong.
export class InvalidAmiIdError extends Error {
  override name = "InvalidAmiIdError";
}
