// The one place that decides which values are secret. Everything a run shows, logs or reports is masked
// with these values (Packer before 1.15.1 prints even `sensitive` variables in clear text).

/** Environment variable names whose values are masked, as the README lists them. */
export const SECRET_NAME_RULES: readonly { shown: string; test: RegExp }[] = [
  { shown: "*SECRET*", test: /SECRET/i },
  { shown: "*TOKEN*", test: /TOKEN/i },
  { shown: "*PASSWORD*", test: /PASSWORD/i },
  { shown: "*PASSWD*", test: /PASSWD/i },
  { shown: "*PRIVATE*", test: /PRIVATE/i },
  { shown: "*CREDENTIAL*", test: /CREDENTIAL/i },
  { shown: "*API_KEY*", test: /API_KEY/i },
  { shown: "*WEBHOOK*", test: /WEBHOOK/i },
  // GIT_AUTHOR_NAME is not a credential, and masking a name like "root" would garble every path.
  { shown: "*AUTH* (except *AUTHOR*)", test: /AUTH(?!OR)/i },
  { shown: "*AUTHORIZ*", test: /AUTHORIZ/i },
  { shown: "*_KEY", test: /_KEY$/i },
  { shown: "*_PAT", test: /_PAT$/i },
];

/** The AWS credentials a run uses are masked whatever their names say. */
export const AWS_CREDENTIAL_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
] as const;

/**
 * Shorter values are not masked: replacing every "ab" or "1" would make a log unreadable while hiding
 * almost nothing.
 */
export const MIN_SECRET_LENGTH = 4;

export interface SecretSources {
  /** The environment the run and Packer see. */
  env: NodeJS.ProcessEnv;
  /** Credentials the AWS SDK resolved (a profile, SSO, a role), when the run has them. */
  credentials?: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string };
  /** Hook for values declared sensitive elsewhere (`--var` values marked sensitive, a later issue). */
  sensitiveValues?: readonly string[];
}

export function isSecretName(name: string): boolean {
  return (
    (AWS_CREDENTIAL_VARIABLES as readonly string[]).includes(name) ||
    SECRET_NAME_RULES.some((rule) => rule.test.test(name))
  );
}

// Every value to mask, each also line by line: a multi-line key is printed one line at a time.
export function secretValues({ env, credentials, sensitiveValues = [] }: SecretSources): string[] {
  const values = [
    ...Object.entries(env).flatMap(([name, value]) =>
      value !== undefined && isSecretName(name) ? [value] : [],
    ),
    credentials?.accessKeyId,
    credentials?.secretAccessKey,
    credentials?.sessionToken,
    ...sensitiveValues,
  ];
  const found = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    for (const form of [value, ...value.split(/\r?\n/).map((line) => line.trim())])
      if (form.length >= MIN_SECRET_LENGTH) found.add(form);
  }
  return [...found];
}
