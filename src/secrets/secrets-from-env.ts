// Values that must never be shown or logged: credentials and anything named like a secret.
// Packer before 1.15.1 prints sensitive variables in clear text, so its output is masked with these.
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_KEY/i;
const MIN_LENGTH = 4;

export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(
      ([name, value]) =>
        SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_LENGTH,
    )
    .map(([, value]) => value as string);
}
