/**
 * The XML of GeoReport v2: a root element holding one element per item, each field a child
 * element; arrays of objects nest the same way (`attributes` → `attribute`, `values` → `value`).
 */
type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
interface XmlObject {
  [key: string]: XmlValue;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than sent as an invalid document.
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) continue;
    out += ESCAPES[ch] ?? ch;
  }
  return out;
}

/** Singular element names of the spec's lists. */
const ITEM_NAMES: Record<string, string> = {
  services: "service",
  service_requests: "request",
  attributes: "attribute",
  values: "value",
  errors: "error",
  keywords: "keyword",
};

function element(name: string, v: XmlValue): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (Array.isArray(v)) {
    const item = ITEM_NAMES[name] ?? "item";
    return `<${name}>${v.map((x) => element(item, x)).join("")}</${name}>`;
  }
  if (typeof v === "object") {
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => element(k, x))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

/** A whole document: the declaration the spec asks for, then the root list. */
export function toXml(root: string, items: XmlObject[] | XmlObject): string {
  const body = Array.isArray(items) ? element(root, items) : element(root, items);
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}

export type { XmlObject };
