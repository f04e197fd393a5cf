/**
 * A small streaming XML scanner for the parts of an .xlsx (SpreadsheetML is machine-written and
 * regular): tags with their raw attributes and the text between them, fed chunk by chunk. Names
 * lose their namespace prefix (`x:row` → `row`). Text is handed over raw; `decodeXml` decodes it.
 */
export interface XmlHandlers {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
}

const localName = (n: string) => {
  const i = n.indexOf(":");
  return i < 0 ? n : n.slice(i + 1);
};

export class XmlScanner {
  private rest = "";
  constructor(private readonly h: XmlHandlers) {}

  feed(chunk: string): void {
    const s = this.rest + chunk;
    let i = 0;
    for (;;) {
      const lt = s.indexOf("<", i);
      if (lt < 0) break;
      if (lt > i) this.h.text(s.slice(i, lt));
      i = lt;
      if (s.startsWith("<!--", lt)) {
        const e = s.indexOf("-->", lt + 4);
        if (e < 0) break;
        i = e + 3;
        continue;
      }
      if (s.startsWith("<![CDATA[", lt)) {
        const e = s.indexOf("]]>", lt + 9);
        if (e < 0) break;
        this.h.text(escapeXml(s.slice(lt + 9, e)));
        i = e + 3;
        continue;
      }
      // The tag ends at the first '>' outside a quoted attribute value.
      let j = lt + 1;
      let quote = 0;
      for (; j < s.length; j++) {
        const c = s.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (j >= s.length) break;
      const inner = s.slice(lt + 1, j);
      i = j + 1;
      const first = inner.charCodeAt(0);
      if (first === 63 /* ? */ || first === 33 /* ! */) continue;
      if (first === 47 /* / */) {
        this.h.close(localName(inner.slice(1).trim()));
        continue;
      }
      const selfClosing = inner.endsWith("/");
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const sp = body.search(/\s/);
      const name = localName(sp < 0 ? body : body.slice(0, sp));
      this.h.open(name, sp < 0 ? "" : body.slice(sp), selfClosing);
      if (selfClosing) this.h.close(name);
    }
    this.rest = s.slice(i);
  }
}

/** The value of attribute `name` (no prefix, or exactly as written with one) in a raw attribute string. */
export function attrValue(attrs: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const i = attrs.indexOf(name, from);
    if (i < 0) return null;
    from = i + name.length;
    const before = attrs.charCodeAt(i - 1);
    if (i > 0 && before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let k = from;
    while (attrs[k] === " ") k++;
    if (attrs[k] !== "=") continue;
    k++;
    while (attrs[k] === " ") k++;
    const q = attrs[k];
    if (q !== '"' && q !== "'") continue;
    const end = attrs.indexOf(q, k + 1);
    if (end < 0) return null;
    return decodeXml(attrs.slice(k + 1, end));
  }
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML entities, then SpreadsheetML's `_xHHHH_` escapes of characters XML cannot hold. */
export function decodeXml(raw: string): string {
  let t = raw;
  if (t.includes("&"))
    t = t.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
      if (e[0] !== "#") return NAMED[e] ?? m;
      const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
  if (t.includes("_x"))
    t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return t;
}

function escapeXml(t: string): string {
  return t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
