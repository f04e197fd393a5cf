import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Content-addressed file store: a file is kept under its SHA-256, written to a temporary name and
 * renamed, so a crash never leaves a half file under a real name and the client's file name never
 * touches the file system.
 */
export class FileStore {
  constructor(private readonly dir: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("bad content address");
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(data: Buffer): Promise<string> {
    const sha256 = createHash("sha256").update(data).digest("hex");
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return sha256;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await fs.promises.open(tmp, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, target);
    return sha256;
  }

  /** Removes a file's content; a file that is already gone is not an error. */
  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  async get(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(sha256));
  }
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b) =>
    b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  "text/plain": (b) => !b.includes(0) && Buffer.from(b.toString("utf8"), "utf8").equals(b),
};

/** The declared type must be allowed and the bytes must look like it: a renamed .exe is refused. */
export function contentMatchesType(mediaType: string, data: Buffer): boolean {
  const check = MAGIC[mediaType];
  return check !== undefined && data.length > 0 && check(data);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const BAD_NAME = /[\u0000-\u001f\u007f/\\\u202a-\u202e\u2066-\u2069]|^\.\.?$|^\s|\s$/;

export function isAcceptableFileName(name: string): boolean {
  return name.length >= 1 && name.length <= 200 && !BAD_NAME.test(name) && !name.includes("..");
}
