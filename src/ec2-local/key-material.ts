// CreateKeyPair must hand back a private key; RSA generation takes ~0.4 s, so one key serves the process.
import { createHash, generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";

export interface GeneratedKey {
  /** PEM (PKCS#1), as EC2 returns for RSA key pairs. */
  material: string;
  /** SHA-1 of the PKCS#8 DER private key, colon separated: EC2's fingerprint for keys it creates. */
  fingerprint: string;
}

const generateRsa = promisify(generateKeyPair);

function fingerprintOf(privateKey: KeyObject): string {
  const der = privateKey.export({ type: "pkcs8", format: "der" });
  const hex = createHash("sha1").update(der).digest("hex");
  return hex.match(/../g)?.join(":") ?? hex;
}

let sharedKey: Promise<GeneratedKey> | undefined;

// Generated once per process, on first use or warm-up, then shared by every server and key pair.
export function sharedKeyMaterial(): Promise<GeneratedKey> {
  sharedKey ??= generateRsa("rsa", { modulusLength: 2048 }).then(({ privateKey }) => ({
    material: privateKey.export({ type: "pkcs1", format: "pem" }).toString().trimEnd(),
    fingerprint: fingerprintOf(privateKey),
  }));
  return sharedKey;
}
