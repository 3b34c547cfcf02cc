// Credentials are resolved once, with the SDK's standard chain (environment, profiles, SSO, web
// identity, instance or container role), for the tool's own calls and for Packer. Packer 1.6.6 cannot
// read SSO profiles (hashicorp/packer#10525), so it gets the resolved keys, in its environment only.
import { defaultProvider } from "@aws-sdk/credential-provider-node";

/** What the chain resolves; `expiration` is set for temporary credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

// The chain reads the files and profile the given environment names, not only this process's.
export function credentialProvider(env: NodeJS.ProcessEnv): CredentialProvider {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const fixed: AwsCredentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
    return async () => fixed;
  }
  return defaultProvider({
    ...(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {}),
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
  });
}

/** Where the credentials came from, for messages: never their values. */
export function credentialSource(env: NodeJS.ProcessEnv): string {
  if (env.AWS_ACCESS_KEY_ID) return "AWS_ACCESS_KEY_ID";
  if (env.AWS_PROFILE) return `profile ${env.AWS_PROFILE}`;
  return "the default credential chain";
}

// What Packer's environment gets instead of a profile it may not be able to read. Unsetting the
// profile variables keeps Packer from trying (and failing on) an SSO profile.
export function packerCredentialEnv(credentials: AwsCredentials): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
  };
}

/** The values to mask wherever anything is shown or logged. */
export function credentialValues(credentials: AwsCredentials): string[] {
  return [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken].filter(
    (value): value is string => value !== undefined && value !== "",
  );
}
