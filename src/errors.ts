// The few error kinds the top level turns into messages and exit codes.

/** A mistake in what the user gave us (flags, files, environment): message only, exit 2. */
export class UserError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UserError";
  }
}

/** Several problems in one configuration file, reported together. */
export class ConfigError extends UserError {
  readonly file: string;
  readonly problems: readonly string[];
  constructor({ file, problems }: { file: string; problems: readonly string[] }) {
    super(
      `Found ${problems.length === 1 ? "a problem" : `${problems.length} problems`} in ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.file = file;
    this.problems = problems;
  }
}
