// The few error kinds the top level turns into messages and exit codes, and the one way an error of
// any kind becomes a line of text.
/** A mistake in what the user gave us (flags, files, environment): message only, exit 2. */
export class UserError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UserError";
  }
}

/** `a problem`, `3 problems`: how every list of problems is counted. */
export function countProblems(count: number): string {
  return count === 1 ? "a problem" : `${count} problems`;
}

/**
 * Several problems reported together. `headline` gets the count (`a problem`, `3 problems`), e.g.
 * (n) => `Preflight found ${n}; nothing was started`; each problem follows on a line of its own.
 */
export class ProblemsError extends UserError {
  readonly problems: readonly string[];
  constructor({
    problems,
    headline,
  }: {
    problems: readonly string[];
    headline: (count: string) => string;
  }) {
    super(
      `${headline(countProblems(problems.length))}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ProblemsError";
    this.problems = problems;
  }
}

/** Several problems in one configuration file. */
export class ConfigError extends ProblemsError {
  readonly file: string;
  constructor({ file, problems }: { file: string; problems: readonly string[] }) {
    super({ problems, headline: (count) => `Found ${count} in ${file}` });
    this.name = "ConfigError";
    this.file = file;
  }
}

// An error as one line: an AWS error's code (the SDK puts it in `name`) says more than its message alone.
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = error.name && error.name !== "Error" ? error.name : undefined;
  const plain = !code || error instanceof UserError || error.message.startsWith(code);
  return plain ? error.message : `${code}: ${error.message}`;
}
