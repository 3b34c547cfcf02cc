// One error type carries EC2's code and HTTP status from deep in a handler to the XML error response.

const STATUS_BY_CODE: Record<string, number> = {
  AuthFailure: 401,
  UnauthorizedOperation: 403,
  DryRunOperation: 412,
  InternalError: 500,
  InternalFailure: 500,
  RequestLimitExceeded: 503,
  ServiceUnavailable: 503,
  Unavailable: 503,
};

/** The HTTP status EC2 sends with an error code (400 for every client error not listed). */
export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}

export class Ec2Error extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = statusForCode(code)) {
    super(message);
    this.name = "Ec2Error";
    this.code = code;
    this.status = status;
  }
}

// EC2 names every missing id in one message, quoted and comma separated.
export function notFoundError(options: {
  code: string;
  noun: string;
  ids: readonly string[];
}): Ec2Error {
  const { code, noun, ids } = options;
  const quoted = `'${ids.join(", ")}'`;
  const verb =
    ids.length > 1 ? `${noun}s ${quoted} do not exist` : `${noun} ${quoted} does not exist`;
  return new Ec2Error(code, `The ${verb}`);
}

export function missingParameter(name: string): Ec2Error {
  return new Ec2Error("MissingParameter", `The request must contain the parameter ${name}`);
}

export function invalidParameterValue(message: string): Ec2Error {
  return new Ec2Error("InvalidParameterValue", message);
}

/** An error that fault injection made up, told apart in the call log. */
export class InjectedFault extends Ec2Error {
  constructor(code: string, message: string, status: number) {
    super(code, message, status);
    this.name = "InjectedFault";
  }
}
