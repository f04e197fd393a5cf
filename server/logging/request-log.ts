import type { FastifyRequest } from "fastify";
import { maskIdentity, redactUrl, redactValue } from "./redact.ts";

/** Where finished log lines go: pino calls write() once per line (a stream, a test's sink). */
export interface LogDestination {
  write(line: string): unknown;
}

export interface RequestLogOptions {
  level: string;
  /** Default: standard output. */
  stream?: LogDestination;
}

function maskStrings(value: unknown): unknown {
  if (typeof value === "string") return maskIdentity(value);
  if (Array.isArray(value)) return value.map(maskStrings);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[maskIdentity(k)] = maskStrings(v);
  return out;
}

/**
 * The last pass over each finished line, whatever put it there (a message, an error's text or
 * stack, a binding): identity is masked in every string of the JSON line. Numbers stay numbers,
 * so a timestamp is never mistaken for a phone number.
 */
export function maskLine(line: string): string {
  const end = line.endsWith("\n") ? "\n" : "";
  try {
    return JSON.stringify(maskStrings(JSON.parse(line))) + end;
  } catch {
    return maskIdentity(line);
  }
}

export function redactingDestination(target: LogDestination): LogDestination {
  return { write: (line: string) => target.write(maskLine(line)) };
}

/**
 * Fastify's logger options for the server: the request serializer logs the URL with personal query
 * values replaced (ID and phone numbers, names, addresses, search text), `body` and `query` are
 * redacted if anything logs them, and every line passes `maskLine` on its way out.
 */
export function requestLogOptions(options: RequestLogOptions) {
  return {
    level: options.level,
    stream: redactingDestination(options.stream ?? process.stdout),
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      body: (body: unknown) => redactValue(body),
      query: (query: unknown) => redactValue(query),
    },
  };
}
