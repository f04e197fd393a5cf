import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.ts";
import { formatKeyRing, generateKeyRing, type KeyRing, parseKeyRing } from "./field-crypto.ts";

export function keyFilePath(config: Config): string {
  return path.join(config.dataDir, "keyring.json");
}

/**
 * The key ring comes from XF_KEY_RING when set (production: from a secret store), else from the
 * data folder, where it is created on first start with owner-only permissions.
 */
export function loadKeyRing(config: Config, log: (msg: string) => void = () => {}): KeyRing {
  if (config.keyRing) return parseKeyRing(config.keyRing);
  const file = keyFilePath(config);
  if (fs.existsSync(file)) return parseKeyRing(fs.readFileSync(file, "utf8"));
  fs.mkdirSync(config.dataDir, { recursive: true });
  const ring = generateKeyRing();
  fs.writeFileSync(file, formatKeyRing(ring), { mode: 0o600, flag: "wx" });
  log(
    `generated a new data key ring at ${file} — back it up: without it, ID and phone numbers cannot be read`,
  );
  return ring;
}

export function saveKeyRing(config: Config, ring: KeyRing): void {
  const file = keyFilePath(config);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, formatKeyRing(ring), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
