// Mistakes in what the AMI list is asked to store, told apart from I/O failures by the top-level catch.
export class AmiListPathError extends Error {
  override name = "AmiListPathError";
}

export class InvalidAmiIdError extends Error {
  override name = "InvalidAmiIdError";
}
