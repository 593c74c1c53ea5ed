import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { getRandomValues } from "node:crypto";

/** 120 bits of randomness in 24 readable characters (the Lucia guide's session id and secret). */
export function randomToken(bytes = 15): string {
  const buffer = new Uint8Array(bytes);
  getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function hashSecretHex(secret: string): string {
  return encodeHexLowerCase(hashSecret(secret));
}

export function secretsMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && constantTimeEqual(a, b);
}
