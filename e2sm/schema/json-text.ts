/**
 * JSON text that keeps integers exact: `JSON.parse` turns 18446744073709551615 into a rounded double
 * and `JSON.stringify` refuses bigints, yet INTEGER (0..18446744073709551615) is common in E2. Integer
 * literals outside ±(2^53-1) parse as bigint, bigints print as bare digits, and -0 prints as `-0.0`
 * (REAL minus zero) so that it survives a round trip.
 */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** JSON text to a value; big integer literals become bigint. Throws SyntaxError with line and column. */
export function parseJson(text: string): JsonValue {
  const r = new Reader(text);
  r.space();
  const v = r.value(0);
  r.space();
  if (r.i < text.length) r.fail("unexpected text after the JSON value");
  return v;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;
const MAX_DEPTH = 10_000;

class Reader {
  i = 0;
  constructor(readonly text: string) {}

  fail(why: string): never {
    const before = this.text.slice(0, this.i);
    const line = before.split("\n").length;
    const col = this.i - before.lastIndexOf("\n");
    throw new SyntaxError(`JSON syntax error at line ${line}, column ${col}: ${why}`);
  }

  /** Fails pointing at the character just consumed. */
  back(why: string): never {
    this.i--;
    return this.fail(why);
  }

  space(): void {
    const t = this.text;
    for (let c = t.charCodeAt(this.i); c === 32 || c === 10 || c === 13 || c === 9; c = t.charCodeAt(++this.i));
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    const c = this.text[this.i];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    LITERAL.lastIndex = this.i;
    const m = LITERAL.exec(this.text);
    if (!m) this.fail(c === undefined ? "unexpected end of text" : `unexpected ${JSON.stringify(c)}`);
    this.i += m[0].length;
    return m[0] === "null" ? null : m[0] === "true";
  }

  number(): number | bigint {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail("malformed number");
    this.i += m[0].length;
    const n = Number(m[0]);
    // only literals written as integers become bigint: 1.0e30 stays a double, as written
    if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return BigInt(m[0]);
    return n;
  }

  string(): string {
    const t = this.text;
    let out = "";
    let start = ++this.i;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail("unterminated string");
      if (c < 0x20) this.fail("control character in string");
      if (c === 0x22) break;
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += t.slice(start, this.i);
      const e = t[this.i + 1];
      const simple = ESCAPES[e as keyof typeof ESCAPES];
      if (simple !== undefined) {
        out += simple;
        this.i += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(Number.parseInt(t.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        this.fail("bad escape in string");
      }
      start = this.i;
    }
    out += t.slice(start, this.i);
    this.i++;
    return out;
  }

  array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.i++;
    this.space();
    if (this.text[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.i++];
      if (c === "]") return out;
      if (c !== ",") this.back("expected , or ]");
    }
  }

  object(depth: number): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    this.i++;
    this.space();
    if (this.text[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail("expected a key string");
      const key = this.string();
      this.space();
      if (this.text[this.i++] !== ":") this.back("expected :");
      this.space();
      // defineProperty: a "__proto__" key must stay data, not replace the prototype
      Object.defineProperty(out, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.space();
      const c = this.text[this.i++];
      if (c === "}") return out;
      if (c !== ",") this.back("expected , or }");
    }
  }
}

const ESCAPES = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" } as const;

/** A value to JSON text, like JSON.stringify but with bigints as digits and -0 as `-0.0`. */
export function stringifyJson(v: JsonValue, indent?: number | string): string {
  const unit = typeof indent === "number" ? " ".repeat(Math.min(10, Math.max(0, indent))) : (indent ?? "").slice(0, 10);
  const parts: string[] = [];
  write(v, unit, "", parts);
  return parts.join("");
}

function write(v: JsonValue, unit: string, pad: string, out: string[]): void {
  switch (typeof v) {
    case "string":
      out.push(JSON.stringify(v));
      return;
    case "boolean":
      out.push(v ? "true" : "false");
      return;
    case "bigint":
      out.push(v.toString());
      return;
    case "number":
      if (!Number.isFinite(v)) throw new TypeError(`JSON has no ${v}`);
      out.push(Object.is(v, -0) ? "-0.0" : String(v));
      return;
  }
  if (v === null) {
    out.push("null");
    return;
  }
  const inner = pad + unit;
  const sep = unit ? `,\n${inner}` : ",";
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push("[]");
      return;
    }
    out.push(unit ? `[\n${inner}` : "[");
    v.forEach((e, i) => {
      if (i) out.push(sep);
      write(e, unit, inner, out);
    });
    out.push(unit ? `\n${pad}]` : "]");
    return;
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  out.push(unit ? `{\n${inner}` : "{");
  keys.forEach((k, i) => {
    if (i) out.push(sep);
    out.push(JSON.stringify(k), unit ? ": " : ":");
    write(v[k], unit, inner, out);
  });
  out.push(unit ? `\n${pad}}` : "}");
}
