import { hash, verify } from "@node-rs/argon2";

/** Argon2id (algorithm 2) with the library's defaults: m=19456 KiB, t=2, p=1 (OWASP's minimum). */
const OPTIONS = { algorithm: 2 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check, so an unknown e-mail answers as slowly as a wrong password
 * and response times reveal nothing about which accounts exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that matches no account");
  await verifyPassword(await dummyHash, password);
  return false;
}
