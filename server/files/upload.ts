import type { FastifyRequest } from "fastify";
import type { Config } from "../config/index.ts";
import { AppError } from "../plugins/errors.ts";
import { contentMatchesType, isAcceptableFileName } from "./store.ts";

export interface Upload {
  fileName: string;
  mediaType: string;
  data: Buffer;
  /** The form fields sent before the file part (multipart keeps their order). */
  fields: Record<string, string>;
}

/**
 * Reads the one file of a multipart request (field "file") and checks it as every upload route must:
 * a usable file name, within the size limit, an allowed type whose bytes look like that type.
 * Anything wrong is the client's error with its code; nothing is stored here.
 */
export async function readUpload(
  req: FastifyRequest,
  config: Pick<Config, "attachmentMaxBytes" | "attachmentTypes">,
): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  const tooLarge = () => new AppError("ATTACHMENT_TOO_LARGE", { maxBytes: config.attachmentMaxBytes });
  // Broken multipart framing (no boundary, cut-off body) is the client's error, not ours.
  const malformed = (err: unknown) =>
    (err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE"
      ? tooLarge()
      : new AppError("VALIDATION_FAILED", [{ path: "file", message: "malformed multipart body" }]);
  const part = await req.file().catch((err: unknown) => {
    throw malformed(err);
  });
  if (!part) throw new AppError("VALIDATION_FAILED", [{ path: "file", message: "no file" }]);
  if (!isAcceptableFileName(part.filename)) throw new AppError("ATTACHMENT_NAME_INVALID");
  const data = await part.toBuffer().catch((err: unknown) => {
    throw malformed(err);
  });
  if (part.file.truncated) throw tooLarge();
  if (!config.attachmentTypes.includes(part.mimetype) || !contentMatchesType(part.mimetype, data)) {
    throw new AppError("ATTACHMENT_TYPE_REFUSED");
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one && one.type === "field" && typeof one.value === "string") fields[name] = one.value;
  }
  return { fileName: part.filename, mediaType: part.mimetype, data, fields };
}
