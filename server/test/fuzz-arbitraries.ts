import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { generateIdNumber } from "../../domain/identity/id-card.ts";
import { CHANNELS, DESTINATION_LEVELS, LEGAL_CLASSES, NATURES } from "../../domain/workflow/statuses.ts";
import type { Db } from "../db/index.ts";

/**
 * Shared pieces for the authorization matrix and the fuzz tests: a hand-built multipart encoder
 * (so tests can send framing a browser never would), a cheap "did anything get written?"
 * fingerprint, and generators of hostile and invalid values.
 */

// ---------------------------------------------------------------------------------------------
// Multipart bodies
// ---------------------------------------------------------------------------------------------

export interface MultipartPart {
  name: string;
  /** Present for a file part; sent verbatim inside the quotes of `filename="…"`. */
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** Encodes parts as multipart/form-data with the boundary given; header text is sent as UTF-8. */
export function multipartBody(boundary: string, parts: readonly MultipartPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += "\r\n";
    if (p.contentType !== undefined) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, "utf8"));
    chunks.push(typeof p.data === "string" ? Buffer.from(p.data, "utf8") : p.data);
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const PDF_MAGIC = "%PDF-1.4\n";
export const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A small file that passes the PDF magic-byte check; `tag` makes its content (and hash) unique. */
export function tinyPdf(tag: string): Buffer {
  return Buffer.from(`${PDF_MAGIC}% ${tag}\n%%EOF\n`, "utf8");
}

// ---------------------------------------------------------------------------------------------
// "Nothing was written" checks
// ---------------------------------------------------------------------------------------------

/**
 * Row counts of every table a request could write to, plus a digest of the category rows (an
 * edit changes a row without changing the count), in one round trip so it can run per input.
 */
export async function writeFingerprint(db: Db): Promise<string> {
  const { rows } = await db.query<{ f: string }>(
    `SELECT concat_ws('|',
        (SELECT count(*) FROM cases), (SELECT count(*) FROM case_petitioners),
        (SELECT count(*) FROM case_events), (SELECT count(*) FROM case_attachments),
        (SELECT count(*) FROM case_assignments), (SELECT count(*) FROM idempotency_keys),
        (SELECT count(*) FROM sessions), (SELECT count(*) FROM users),
        (SELECT md5(string_agg(concat_ws(',', id, parent_id, code, name_zh, name_en, sort, is_active), ';' ORDER BY id))
           FROM categories)) AS f`,
  );
  return rows[0]!.f;
}

/** Every file under the attachment store, as relative paths. */
export function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

/** A fault value meaning "remove this key". */
export const MISSING = Symbol("missing");

/** JSON text inserted verbatim where a value would go: numbers out of range, deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Values out of range written as raw JSON numbers (some parse to Infinity or lose precision). */
export const rawHugeNumbers = fc.constantFrom(
  new RawJson("1e400"),
  new RawJson("-1e400"),
  new RawJson("123456789012345678901234567890"),
  new RawJson("-123456789012345678901234567890"),
);

/** A deeply nested value, as raw JSON text. */
export const deepValue = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean())
  .map(([depth, asArray]) =>
    asArray
      ? new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`)
      : new RawJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  );

export const SQL_INJECTIONS = [
  "'; DROP TABLE cases; --",
  "' OR '1'='1",
  "' OR 1=1 --",
  "1; SELECT pg_sleep(5); --",
  "') OR ('a'='a",
  '" OR ""="',
  "1' UNION SELECT username, password_hash FROM users --",
  "$1",
  "%' --",
  "_%",
  "\\'; TRUNCATE audit_log; --",
  "'; UPDATE users SET roles = '{system_admin}'; --",
  "&& || ! <-> :*",
] as const;

export const SCRIPT_INJECTIONS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(document.cookie)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  "${process.exit(1)}",
  "<svg/onload=alert(1)>",
  "</textarea><script>fetch('//evil')</script>",
] as const;

export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"] as const;

/** Text that is odd but well-formed: it may be valid for a free-text field. */
export const ODD_TEXT = [
  "\u202e反向文字",
  "零宽\u200b字符",
  "\ufeffBOM",
  "😀🙏🏽👨‍👩‍👧",
  "e\u0301\u0301\u0301",
  "\u2028\u2029",
  "\ufffd\ufffd",
  "ＡＢＣ１２３",
  "../../etc/passwd",
  "C:\\Windows\\system32",
  "%00%ff%fe",
  "null",
  "undefined",
  "NaN",
] as const;

export const hostileText = fc.oneof(
  fc.constantFrom(...SQL_INJECTIONS),
  fc.constantFrom(...SCRIPT_INJECTIONS),
  fc.constantFrom(...PROTO_KEYS),
  fc.constantFrom(...ODD_TEXT),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);

// Control characters that JavaScript's trim() does not remove, so they survive to the check.
const NON_WHITESPACE_CONTROLS = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u0008",
  "\u000e",
  "\u001b",
  "\u001c",
  "\u001f",
  "\u007f",
] as const;

/** A string with a forbidden character strictly inside it (never at an end, where trim could drop it). */
export const textWithControl = fc
  .tuple(hostileText, fc.constantFrom(...NON_WHITESPACE_CONTROLS), hostileText)
  .map(([a, c, b]) => `x${a}${c}${b}x`);

/** A string with an unpaired surrogate inside it (JSON.stringify sends it as a \\udXXX escape). */
export const textWithLoneSurrogate = fc
  .tuple(hostileText, fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff"), hostileText)
  .map(([a, s, b]) => `x${a}${s}${b}x`);

/** Longer than `max` after trimming. */
export function tooLong(max: number) {
  return fc
    .tuple(fc.constantFrom("字", "a", "😀", "'"), fc.integer({ min: 1, max: 50 }))
    .map(([ch, extra]) => ch.repeat(max + extra));
}

/** Values of the wrong JSON type for a string field. */
export const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("a", "b", "toString"), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  rawHugeNumbers,
  deepValue,
);

/** Values of the wrong JSON type, or out of range, for an integer field with the given range. */
export function badInteger(min: number, max: number) {
  const options: fc.Arbitrary<unknown>[] = [
    fc.integer({ min: min - 1_000_000, max: min - 1 }),
    fc.integer({ min: max + 1, max: max + 1_000_000 }),
    fc.double({ min: min, max: max, noInteger: true, noNaN: true }),
    fc.constantFrom(2 ** 53, -(2 ** 53), Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
    fc.string({ maxLength: 8 }),
    fc.constantFrom(null, true, false, [], {}, [min], { value: min }, String(min)),
    rawHugeNumbers,
    deepValue,
  ];
  // "-0" and "1e-400" parse to zero: out of range only when zero is.
  if (min > 0) options.push(fc.constantFrom(new RawJson("-0"), new RawJson("1e-400")));
  return fc.oneof(...options);
}

/** Anything that is not a JSON boolean. */
export const notABoolean = fc.oneof(
  fc.constantFrom("true", "false", 1, 0, null, [], {}, "yes"),
  fc.integer(),
);

/** Strings that are not a GB/T 2260 code of 6, 9 or 12 ASCII digits. */
export const badRegionCode = fc.oneof(
  fc.constantFrom(...SQL_INJECTIONS),
  fc
    .integer({ min: 1, max: 14 })
    .filter((n) => n !== 6 && n !== 9 && n !== 12)
    .map((n) => "9".repeat(n)),
  fc.constantFrom(
    "９９０００１",
    "990001 ",
    " 990001",
    "990001\n",
    "99000a",
    "-99000",
    "990001.0",
    "+990001",
  ),
  notAString,
);

/** Strings that z.uuid() refuses, or the right type but the wrong shape. */
export const badUuid = fc.oneof(
  fc.constantFrom(...SQL_INJECTIONS),
  fc.constantFrom(
    "",
    "00000000-0000-0000-0000-00000000000g",
    "0000000-0000-4000-8000-000000000000",
    "{00000000-0000-4000-8000-000000000000}",
    "00000000000040008000000000000000",
    "00000000-0000-4000-8000-000000000000 ",
  ),
  fc.string({ maxLength: 40 }).filter((s) => !/^[0-9a-f-]{36}$/i.test(s)),
  notAString,
);

/** Strings that are none of the enumeration's values. */
export function badEnum(values: readonly string[]) {
  return fc.oneof(
    fc.constantFrom(...values.map((v) => v.toUpperCase()), ...values.map((v) => ` ${v}`), ""),
    fc.constantFrom(...SQL_INJECTIONS, ...PROTO_KEYS),
    notAString,
  );
}

/** Invalid text for a zText(min, max) field. */
export function badText(min: number, max: number) {
  const options = [notAString, textWithControl, textWithLoneSurrogate, tooLong(max)];
  if (min >= 1) options.push(fc.constantFrom("", " ", "\t\n", "\u3000", "\u00a0\ufeff"));
  return fc.oneof(...options);
}

/** Raw JSON text that must never parse into an acceptable body. */
export const badJsonText = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "}",
    "[",
    "null",
    "true",
    "0",
    '"a string"',
    "{'single': 'quotes'}",
    '{"a":1,}',
    "{a:1}",
    "NaN",
    '{"a":undefined}',
    '{"a":1e999999}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    "\u0000",
    '{"a":"\u0000"}',
    '{"a":"\\u0000"}',
    '{"a":"\\ud800"}',
  ),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.json({ maxDepth: 4 }).filter((j) => !j.trim().startsWith("{")),
);

/** A buffer with byte sequences that are not UTF-8 at all. */
export const INVALID_UTF8_SEQUENCES: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0xc3]), // a lead byte with no continuation
  Buffer.from([0x80]), // a continuation byte with no lead
  Buffer.from([0xc0, 0xaf]), // overlong '/'
  Buffer.from([0xe0, 0x80, 0xaf]), // overlong '/'
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate (CESU-8)
  Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
  Buffer.from([0xe4, 0xbd]), // a truncated 3-byte character
];

/** Replaces the first occurrence of `marker` inside `json` with the bytes given. */
export function spliceBytes(json: string, marker: string, bytes: Buffer): Buffer {
  const raw = Buffer.from(json, "utf8");
  const at = raw.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in ${json}`);
  return Buffer.concat([raw.subarray(0, at), bytes, raw.subarray(at + Buffer.byteLength(marker))]);
}

/** 1–2 MiB, over the 1 MiB body limit. */
export const hugeSize = fc.integer({ min: 1024 * 1024 + 1, max: 2 * 1024 * 1024 });

// ---------------------------------------------------------------------------------------------
// Bodies built from a valid base with faults applied
// ---------------------------------------------------------------------------------------------

export type JsonPath = readonly (string | number)[];

/** One change to a valid body; an empty path replaces the whole body. */
export interface Fault {
  path: JsonPath;
  value: unknown;
}

function isContainer(v: unknown): v is Record<string | number, unknown> {
  return v !== null && typeof v === "object" && !(v instanceof RawJson);
}

/** A copy of `base` with the faults applied in order; a fault under a replaced parent is skipped. */
export function applyFaults(base: unknown, faults: readonly Fault[]): unknown {
  let root = structuredClone(base);
  for (const f of faults) {
    if (f.path.length === 0) {
      root = f.value;
      continue;
    }
    let node: unknown = root;
    for (const key of f.path.slice(0, -1)) node = isContainer(node) ? node[key] : undefined;
    if (!isContainer(node)) continue;
    const last = f.path[f.path.length - 1]!;
    if (f.value === MISSING) delete node[last];
    else node[last] = f.value;
  }
  return root;
}

/** JSON text of a value, with every RawJson spliced in as-is. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawJson ? `@@xf-raw-${raws.push(v.text) - 1}@@` : v,
  );
  return raws.reduce((acc, raw, i) => acc.replace(`"@@xf-raw-${i}@@"`, () => raw), text ?? "");
}

/** encodeURIComponent that also takes unpaired surrogates (as U+FFFD) instead of throwing. */
export function encodeComponent(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"));
  }
}

/** Short text for a failure message. */
export function preview(value: unknown, max = 60): string {
  if (value === MISSING) return "<missing>";
  if (value instanceof RawJson) return `raw:${value.text.slice(0, max)}`;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  const s = typeof value === "string" ? JSON.stringify(value) : toJsonText(value);
  return s.length > max ? `${s.slice(0, max)}…(${s.length})` : s;
}

export function describeFaults(faults: readonly Fault[]): string {
  return faults.map((f) => `${f.path.join(".") || "<body>"}=${preview(f.value)}`).join(", ");
}

/** Extra members that try prototype pollution; all must be refused or ignored. */
export const PROTO_MEMBERS = [
  '"__proto__":{"polluted":"yes"}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"constructor":"x"',
  '"toString":1',
  '"hasOwnProperty":{"a":1}',
  '"__proto__":[]',
  '"valueOf":null',
] as const;

export type BodyEncoding = "json" | "broken-utf8" | "text/plain" | "form" | "none";

export interface EncodedBody {
  payload: string | Buffer;
  contentType: string | null;
}

/** Serializes a body, adds hostile members to an object, and sends it with the encoding given. */
export function encodeBody(
  value: unknown,
  members: readonly string[],
  encoding: BodyEncoding,
  badBytes: Buffer,
): EncodedBody {
  let text = toJsonText(value);
  const extra = [...members];
  if (encoding === "broken-utf8") extra.push('"note":"x@@xf-bytes@@y"');
  if (extra.length > 0 && text.startsWith("{")) {
    text = text === "{}" ? `{${extra.join(",")}}` : `{${extra.join(",")},${text.slice(1)}`;
  }
  switch (encoding) {
    case "json":
      return { payload: text, contentType: "application/json" };
    case "broken-utf8":
      return {
        payload: text.includes("@@xf-bytes@@")
          ? spliceBytes(text, "@@xf-bytes@@", badBytes)
          : Buffer.concat([Buffer.from(text), badBytes]),
        contentType: "application/json",
      };
    case "text/plain":
      return { payload: text, contentType: "text/plain" };
    case "form":
      return { payload: text, contentType: "application/x-www-form-urlencoded" };
    case "none":
      return { payload: text, contentType: null };
  }
}

/** A body fault (one or a few), and how the rest of the request is dressed up around it. */
export interface BodyCase {
  faults: Fault[];
  hostile: Fault[];
  members: string[];
  encoding: BodyEncoding;
  badBytes: Buffer;
}

/**
 * Bodies that must be refused: each carries at least one fault from `faults`, applied after up to
 * two hostile (possibly valid) values in the free-text fields, plus optional pollution members and
 * a broken or wrong encoding. Whole-body garbage is mixed in.
 */
export function badBodies(
  faults: fc.Arbitrary<Fault[]>,
  hostilePaths: readonly JsonPath[],
): fc.Arbitrary<BodyCase> {
  const hostile: fc.Arbitrary<Fault[]> =
    hostilePaths.length === 0
      ? fc.constant([])
      : fc.array(
          fc.tuple(fc.constantFrom(...hostilePaths), hostileText).map(([path, value]) => ({ path, value })),
          { maxLength: 2 },
        );
  const wholeBody = badJsonText.map((text) => [{ path: [], value: new RawJson(text) }]);
  return fc.record({
    faults: fc.oneof({ arbitrary: faults, weight: 9 }, { arbitrary: wholeBody, weight: 1 }),
    hostile,
    members: fc.subarray([...PROTO_MEMBERS], { maxLength: 2 }),
    encoding: fc.constantFrom<BodyEncoding>(
      "json",
      "json",
      "json",
      "json",
      "json",
      "json",
      "broken-utf8",
      "text/plain",
      "form",
      "none",
    ),
    badBytes: fc.constantFrom(...INVALID_UTF8_SEQUENCES),
  });
}

/** One fault per field: pick a field, then one of its bad values. */
export function fieldFaults(
  fields: readonly [JsonPath, fc.Arbitrary<unknown>][],
  combos: readonly Fault[][] = [],
): fc.Arbitrary<Fault[]> {
  const single = fields.map(([path, arb]) => arb.map((value) => [{ path, value }]));
  return combos.length > 0 ? fc.oneof(...single, fc.constantFrom(...combos)) : fc.oneof(...single);
}

/** Bad values for a required field: its bad values, or the field left out. */
export function required(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(arb, fc.constant(MISSING));
}

// ---------------------------------------------------------------------------------------------
// Valid bases and the faults that make them invalid
// ---------------------------------------------------------------------------------------------

export const VALID_ID = generateIdNumber("990001", "19800101", "123");

export function validCase(): Record<string, unknown> {
  return {
    channel: "visit",
    title: "反映拖欠农民工工资问题",
    content: "某建筑公司拖欠工人工资，请求协调解决。",
    problemRegionCode: "990001001001",
    nature: "request",
    legalClass: "appeal_request",
    petitioners: [
      {
        name: "张三",
        idNumber: VALID_ID,
        phone: "13800138000",
        address: "甲村一号",
        isRepresentative: false,
      },
    ],
  };
}

export function validPetition(): Record<string, unknown> {
  return {
    title: "反映拖欠工资问题",
    content: "某公司拖欠工资三个月。",
    problemRegionCode: "990001001001",
    nature: "request",
    petitioner: { name: "李四", idNumber: VALID_ID, phone: "13800138000", address: "甲村二号" },
    consentPrivacy: true,
  };
}

const wrongCheckDigit = VALID_ID.slice(0, 17) + (VALID_ID.endsWith("1") ? "2" : "1");
export const nonBlank = (s: string) => s.trim() !== "";

/** Never a valid ID number, and never blank (a blank one counts as "not given"). */
export const badIdNumber = fc.oneof(
  fc.constantFrom(
    wrongCheckDigit,
    VALID_ID.slice(0, 17),
    `${VALID_ID}0`,
    generateIdNumber("990001", "20990101", "001"),
    generateIdNumber("990001", "19800230", "001"),
    "ABCDEFGHIJKLMNOPQR",
  ),
  hostileText.filter(nonBlank),
  tooLong(30),
  notAString,
);

/** Never a valid phone number, and never blank. */
export const badPhone = fc.oneof(
  fc.constantFrom("12345", "1380013800", "23800138000", "138001380001", "+1 555 0100", "电话"),
  hostileText.filter(nonBlank),
  tooLong(30),
  notAString,
);

export const unknownRegion = fc.constantFrom(
  "110101",
  "990001009",
  "990001001999",
  "990002",
  "000000",
  "999999999999",
);
export const unknownUuid = fc.uuid({ version: 4 });

export const badDateTime = fc.oneof(
  fc.constantFrom(
    "2026-13-01T00:00:00Z",
    "2026-03-02",
    "2026-03-02T02:00:00",
    "yesterday",
    "2026-02-30T00:00:00Z",
    "2026-03-02T25:00:00Z",
    "2026-03-02 02:00:00Z",
  ),
  // Later than the test clock (2026-03-02T02:00Z) plus the five-minute tolerance.
  fc
    .date({
      min: new Date("2026-03-02T02:05:01Z"),
      max: new Date("9999-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  notAString,
);

export const notAnObject = fc.oneof(notAString, fc.string(), fc.constant([]));

export const caseFaults = fieldFaults(
  [
    [["channel"], required(badEnum(CHANNELS))],
    [["title"], required(badText(1, 200))],
    [["content"], required(badText(1, 20000))],
    [["problemRegionCode"], required(fc.oneof(badRegionCode, unknownRegion))],
    [["nature"], badEnum(NATURES)],
    [["legalClass"], badEnum(LEGAL_CLASSES)],
    [["categoryId"], fc.oneof(badUuid, unknownUuid)],
    [
      ["petitioners"],
      required(
        fc.oneof(
          notAnObject,
          fc.constant([]),
          fc.constant(Array.from({ length: 201 }, (_, i) => ({ name: `人${i}` }))),
          fc.constant(Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}`, isRepresentative: true }))),
        ),
      ),
    ],
    [["petitioners", 0], notAnObject],
    [["petitioners", 0, "name"], required(badText(1, 50))],
    [["petitioners", 0, "idNumber"], badIdNumber],
    [["petitioners", 0, "phone"], badPhone],
    [["petitioners", 0, "address"], badText(0, 200)],
    [["petitioners", 0, "householdRegionCode"], badRegionCode],
    [["petitioners", 0, "isRepresentative"], notABoolean],
    [["headcount"], badInteger(1, 100000)],
    [["batchCount"], badInteger(1, 10000)],
    [["destinationLevel"], badEnum(DESTINATION_LEVELS)],
    [["isAnonymous"], notABoolean],
    [["isConfidential"], notABoolean],
    [["accusedUnitId"], fc.oneof(badUuid, unknownUuid)],
    [["referralSource"], badText(1, 100)],
    [["referralNumber"], badText(1, 60)],
    [["receivedAt"], badDateTime],
  ],
  [
    [{ path: ["channel"], value: "referral" }],
    [
      { path: ["nature"], value: "accusation" },
      { path: ["legalClass"], value: "suggestion" },
    ],
  ],
);

export const CASE_TEXT_PATHS = [
  ["title"],
  ["content"],
  ["petitioners", 0, "name"],
  ["petitioners", 0, "address"],
] as const;

export const petitionFaults = fieldFaults(
  [
    [["title"], required(badText(1, 200))],
    [["content"], required(badText(1, 20000))],
    [["problemRegionCode"], required(fc.oneof(badRegionCode, unknownRegion))],
    [["nature"], badEnum(NATURES)],
    [["legalClass"], badEnum(LEGAL_CLASSES)],
    [["categoryId"], fc.oneof(badUuid, unknownUuid)],
    [["petitioner"], required(notAnObject)],
    [["petitioner", "name"], required(badText(1, 50))],
    [["petitioner", "idNumber"], required(badIdNumber)],
    [["petitioner", "phone"], required(badPhone)],
    [["petitioner", "address"], badText(0, 200)],
    [["consentPrivacy"], required(fc.constantFrom(false, "true", 1, null, "yes", [true], {}))],
  ],
  [
    [
      { path: ["nature"], value: "accusation" },
      { path: ["legalClass"], value: "suggestion" },
    ],
  ],
);

export const PETITION_TEXT_PATHS = [
  ["title"],
  ["content"],
  ["petitioner", "name"],
  ["petitioner", "address"],
] as const;

// Both fields are trimmed to 1–40 characters; everything else is refused before the database.
export const statusField = fc.oneof(
  fc.constantFrom(MISSING, "", "   "),
  tooLong(40),
  notAString,
  hostileText.filter(nonBlank),
  textWithControl,
  textWithLoneSurrogate,
);

export const categoryCreateFaults = (topId: string, childId: string) =>
  fieldFaults([
    [
      ["code"],
      required(
        fc.oneof(
          fc.constantFrom(
            "A",
            "a",
            "ab-c",
            "AB",
            "a b",
            "工资",
            "labor",
            "x".repeat(41),
            "ab\u0000",
            "toString",
          ),
          fc.constantFrom(...SQL_INJECTIONS),
          notAString,
        ),
      ),
    ],
    [["nameZh"], required(badText(1, 50))],
    [["nameEn"], required(badText(1, 80))],
    [["sort"], badInteger(0, 10000)],
    [["parentId"], fc.oneof(badUuid, unknownUuid, fc.constant(childId), fc.constant(`${topId} `))],
  ]);

export const categoryUpdateFaults = fieldFaults(
  [
    [["nameZh"], badText(1, 50)],
    [["nameEn"], badText(1, 80)],
    [["sort"], badInteger(0, 10000)],
    [["isActive"], notABoolean],
  ],
  [[{ path: [], value: {} }], [{ path: [], value: { unknown: 1 } }], [{ path: [], value: { nameZh: null } }]],
);

// ---------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------

/** One upload with exactly one fault the server must refuse; the other aspects may be valid. */
export type Upload =
  | { fault: "name" | "type" | "magic" | "oversize" | "empty"; name: string; type: string; data: Buffer }
  | { fault: "not-multipart"; contentType: string; body: string };

/** Form fields sent before the file part, with hostile names and values. */
export const uploadExtraFields = fc.array(
  fc.tuple(fc.constantFrom("note", "__proto__", "constructor", "file[]", "title"), hostileText),
  { maxLength: 3 },
);

/**
 * Uploads that must be refused: a bad name, a refused type, bytes that do not match the type,
 * over `maxBytes`, empty, or not multipart at all. Names never contain '/' or '\\' (a known bug,
 * tested on its own), nor '"' or CR/LF (those break the framing itself).
 */
export function badUploads(maxBytes: number): fc.Arbitrary<Upload> {
  const allowed = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ];
  const goodName = fc.constantFrom("a.pdf", "材料.pdf", "scan 1.PDF", "照片.png", "😀.txt");
  const badName = fc.oneof(
    fc.constantFrom(
      "..",
      ".",
      "..pdf",
      "a..b.pdf",
      " a.pdf",
      "a.pdf ",
      "\u0000.pdf",
      "a\u0001b.pdf",
      "a\u007f.pdf",
      "\t.pdf",
    ),
    fc.integer({ min: 197, max: 400 }).map((n) => `${"名".repeat(n)}.pdf`),
    fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\u0008", "\u001b", ".."))
      .map(([s, c]) => `${s.replace(/["\\/\r\n]/g, "")}${c}x.pdf`),
  );
  const refusedType = fc.constantFrom(
    "application/x-msdownload",
    "text/html",
    "image/svg+xml",
    "application/octet-stream",
    "application/javascript",
    "image/gif",
    "application/zip",
  );
  const anyBytes = fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a));
  const wrongMagic: fc.Arbitrary<[string, Buffer]> = fc.oneof(
    anyBytes
      .filter((b) => !b.subarray(0, 5).equals(Buffer.from("%PDF-")))
      .map((b): [string, Buffer] => ["application/pdf", b]),
    fc.constant<[string, Buffer]>(["application/pdf", PNG_MAGIC]),
    fc.constant<[string, Buffer]>(["image/png", Buffer.from(PDF_MAGIC)]),
    anyBytes
      .filter((b) => !(b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff))
      .map((b): [string, Buffer] => ["image/jpeg", b]),
    fc.constant<[string, Buffer]>([
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      Buffer.from("MZ\x90\x00"),
    ]),
    fc
      .constantFrom(...INVALID_UTF8_SEQUENCES, Buffer.from("text\u0000with NUL"))
      .map((b): [string, Buffer] => ["text/plain", Buffer.concat([Buffer.from("ok "), b])]),
  );
  return fc.oneof(
    fc
      .tuple(badName, fc.constantFrom(...allowed.slice(0, 1)))
      .map(([name, type]): Upload => ({ fault: "name", name, type, data: tinyPdf(name) })),
    fc
      .tuple(goodName, refusedType, anyBytes)
      .map(([name, type, data]): Upload => ({ fault: "type", name, type, data })),
    fc
      .tuple(goodName, wrongMagic)
      .map(([name, [type, data]]): Upload => ({ fault: "magic", name, type, data })),
    fc.tuple(goodName, fc.integer({ min: maxBytes + 1, max: maxBytes * 3 })).map(
      ([name, size]): Upload => ({
        fault: "oversize",
        name,
        type: "application/pdf",
        data: Buffer.concat([Buffer.from(PDF_MAGIC), Buffer.alloc(size, 0x41)]),
      }),
    ),
    fc
      .tuple(goodName, fc.constantFrom(...allowed))
      .map(([name, type]): Upload => ({ fault: "empty", name, type, data: Buffer.alloc(0) })),
    fc
      .constantFrom(
        "application/json",
        "text/plain",
        "application/octet-stream",
        "application/x-www-form-urlencoded",
      )
      .map(
        (contentType): Upload => ({
          fault: "not-multipart",
          contentType,
          body: '{"file":"%PDF-1.4"}',
        }),
      ),
  );
}
