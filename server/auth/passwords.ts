import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id with the recommended memory and time costs.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | null = null;

/** Verifies; with no stored hash it still spends the same time, so timing does not reveal user names. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hash("dummy-password-for-timing");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Password complexity: at least 10 characters from three of four classes. */
export function isStrongPassword(password: string): boolean {
  if (password.length < 10 || password.length > 200) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}
