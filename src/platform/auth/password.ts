import { hash, verify } from '@node-rs/argon2';

// Argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, OPTIONS);
}

export async function verifySecret(hashed: string, secret: string): Promise<boolean> {
  try {
    return await verify(hashed, secret);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the answer time the same,
// so response timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | null = null;
export function dummyVerify(secret: string): Promise<boolean> {
  dummyHash ??= hashSecret('simpul-dummy-password');
  return dummyHash.then((h) => verifySecret(h, secret)).then(() => false);
}
