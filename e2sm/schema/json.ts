/**
 * The JSON mapping of values, as the CLI reads and prints them. It follows the conventions of the
 * reference codec (`/work/shared/oracle`), so that its output and ours read alike:
 *
 *   OCTET STRING / unknown open type -> {"octets": "0a1b"}      BIT STRING -> {"bits": "a0", "length": 3}
 *   OBJECT IDENTIFIER -> {"oid": "1.3.6"}                       CHOICE -> {"alternative": value}
 *   REAL -> number, or "PLUS-INFINITY" / "MINUS-INFINITY" / "NOT-A-NUMBER"
 *   INTEGER -> number (bigint beyond 2^53, printed exactly by `stringifyJson`)
 *
 * Both directions walk the descriptor, so `fromJson` is also the shape check of hand-written input:
 * errors carry a JSON-pointer path (`/protocolIEs/3/value`).
 */
import { type Component, type Desc, type OpenDesc, resolve } from "./descriptors.js";
import type { JsonValue } from "./json-text.js";
import { sameValue, UNKNOWN_ALTERNATIVE } from "./values.js";

export { type JsonValue, parseJson, stringifyJson } from "./json-text.js";

export class JsonMappingError extends Error {
  override readonly name = "JsonMappingError";
  constructor(
    /** JSON pointer of the offending value; "" is the top level. */
    readonly path: string,
    readonly reason: string,
    direction: "read" | "write" = "read",
  ) {
    super(`cannot ${direction} JSON at ${path || "/"}: ${reason}`);
  }
}

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const pointer = (path: Path) => path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const SPECIAL_REALS = { "PLUS-INFINITY": Infinity, "MINUS-INFINITY": -Infinity, "NOT-A-NUMBER": Number.NaN } as const;
const OID = /^[0-9]+(\.[0-9]+)*$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += (b < 16 ? "0" : "") + b.toString(16);
  return s;
}

/** Hex (either case, even length) to bytes; null when malformed. */
export function fromHex(hex: string): Uint8Array | null {
  if (!HEX.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** An integer as the value model holds it: number when safe, bigint beyond. */
export const normalizeInteger = (n: bigint): number | bigint => (n >= -MAX_SAFE && n <= MAX_SAFE ? Number(n) : n);

/** The type an open type stands for, given the SEQUENCE holding it; null when its key is not in the table. */
export function openTarget(d: OpenDesc, siblings: Obj): Desc | null {
  const key = siblings[d.key];
  if (typeof key === "bigint") return d.table.get(normalizeInteger(key) as number) ?? null;
  if (typeof key !== "number" && typeof key !== "string") return null;
  return d.table.get(key) ?? null;
}

/** Every component, extension additions last. */
const componentsOf = (d: { root: readonly Component[]; ext: readonly Component[] | null }) =>
  d.ext ? [...d.root, ...d.ext] : d.root;

// ---- in-memory value -> JSON -------------------------------------------------------------------------

/** The JSON form of a value of `desc`. Throws JsonMappingError when the value does not fit the type. */
export function toJson(desc: Desc, value: unknown): JsonValue {
  return write(desc, value, [], null);
}

function write(desc: Desc, v: unknown, path: Path, siblings: Obj | null): JsonValue {
  const d = resolve(desc);
  const fail = (reason: string): never => {
    throw new JsonMappingError(pointer(path), `${reason}, got ${kindOf(v)}`, "write");
  };
  switch (d.kind) {
    case "integer":
      if (typeof v === "bigint") return normalizeInteger(v);
      return typeof v === "number" && Number.isInteger(v) ? v + 0 : fail("expected an integer");
    case "boolean":
      return typeof v === "boolean" ? v : fail("expected a boolean");
    case "null":
      return v === null ? null : fail("expected null");
    case "real":
      if (typeof v !== "number") return fail("expected a number");
      if (Number.isNaN(v)) return "NOT-A-NUMBER";
      return v === Infinity ? "PLUS-INFINITY" : v === -Infinity ? "MINUS-INFINITY" : v;
    case "enumerated":
      if (typeof v === "string" && (d.root.includes(v) || d.ext?.includes(v))) return v;
      if (typeof v === "number" && d.ext && Number.isInteger(v) && v >= 0) return v;
      return fail(`expected one of ${names([...d.root, ...(d.ext ?? [])])}`);
    case "bitstring": {
      const b = v as { bits?: unknown; length?: unknown };
      if (!isObj(v) || !(b.bits instanceof Uint8Array) || !Number.isInteger(b.length) || (b.length as number) < 0) {
        return fail("expected { bits: Uint8Array, length }");
      }
      const n = b.length as number;
      if (b.bits.length * 8 < n) return fail(`expected at least ${Math.ceil(n / 8)} bytes of bits`);
      return { bits: toHex(b.bits.subarray(0, Math.ceil(n / 8))), length: n };
    }
    case "octetstring":
      return v instanceof Uint8Array ? { octets: toHex(v) } : fail("expected a Uint8Array");
    case "string":
      return typeof v === "string" ? v : fail("expected a string");
    case "oid":
      return isObj(v) && typeof v.oid === "string" && OID.test(v.oid)
        ? { oid: v.oid }
        : fail('expected { oid: "1.2.3" }');
    case "sequence": {
      if (!isObj(v)) return fail("expected an object");
      const out: { [k: string]: JsonValue } = {};
      let seen = 0;
      for (const c of componentsOf(d)) {
        const cv = v[c.name];
        if (cv === undefined) {
          if (!c.optional && !d.ext?.includes(c))
            throw new JsonMappingError(pointer(path), `missing component "${c.name}"`, "write");
          continue;
        }
        seen++;
        path.push(c.name);
        out[c.name] = write(c.type, cv, path, v);
        path.pop();
      }
      if (seen !== Object.keys(v).filter((k) => v[k] !== undefined).length)
        unknownKey(v, componentsOf(d), path, "write");
      return out;
    }
    case "choice": {
      const keys = isObj(v) ? Object.keys(v) : [];
      const alt =
        keys.length === 1
          ? (d.root.find((a) => a.name === keys[0]) ?? d.ext?.find((a) => a.name === keys[0]))
          : undefined;
      if (!alt) {
        // an alternative from a newer version, kept by the decoder as raw contents
        const raw = d.ext && keys.length === 1 && UNKNOWN_ALTERNATIVE.test(keys[0]) ? (v as Obj)[keys[0]] : undefined;
        if (raw instanceof Uint8Array) return { [keys[0]]: { octets: toHex(raw) } };
        return fail(
          `expected { alternative: value } with one of ${names([...d.root, ...(d.ext ?? [])].map((a) => a.name))}`,
        );
      }
      path.push(alt.name);
      const inner = write(alt.type, (v as Obj)[alt.name], path, null);
      path.pop();
      return { [alt.name]: inner };
    }
    case "sequenceOf":
      if (!Array.isArray(v)) return fail("expected an array");
      return v.map((e, i) => {
        path.push(i);
        const j = write(d.item, e, path, null);
        path.pop();
        return j;
      });
    case "open": {
      const target = siblings && openTarget(d, siblings);
      if (target) return write(target, v, path, null);
      return v instanceof Uint8Array
        ? { octets: toHex(v) }
        : fail(`expected a Uint8Array (key ${keyText(d, siblings)} is not in the table)`);
    }
  }
}

const kindOf = (v: unknown) =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "object"
        ? (v.constructor?.name ?? "an object")
        : typeof v;
const names = (list: readonly string[]) =>
  list.length > 8
    ? `${list
        .slice(0, 8)
        .map((n) => JSON.stringify(n))
        .join(", ")}, ...`
    : list.map((n) => JSON.stringify(n)).join(", ");
const keyText = (d: OpenDesc, siblings: Obj | null) => `${d.key} = ${String(siblings?.[d.key] ?? "(absent)")}`;

function unknownKey(v: Obj, comps: readonly Component[], path: Path, direction: "read" | "write"): never {
  const known = new Set(comps.map((c) => c.name));
  const k = Object.keys(v).find((key) => v[key] !== undefined && !known.has(key)) ?? "?";
  path.push(k);
  throw new JsonMappingError(pointer(path), `unknown component (expected ${names([...known])})`, direction);
}

// ---- JSON -> in-memory value -------------------------------------------------------------------------

/** The value of `desc` that `json` stands for. Throws JsonMappingError naming the path of the first misfit. */
export function fromJson(desc: Desc, json: JsonValue): unknown {
  return read(desc, json, [], null);
}

function read(desc: Desc, j: JsonValue, path: Path, siblings: Obj | null): unknown {
  const d = resolve(desc);
  const fail = (reason: string): never => {
    throw new JsonMappingError(pointer(path), reason);
  };
  switch (d.kind) {
    case "integer":
      if (typeof j === "bigint") return normalizeInteger(j);
      if (typeof j === "number" && Number.isInteger(j)) return Number.isSafeInteger(j) ? j + 0 : BigInt(j);
      return fail("expected an integer");
    case "boolean":
      return typeof j === "boolean" ? j : fail("expected true or false");
    case "null":
      return j === null ? null : fail("expected null");
    case "real":
      if (typeof j === "number") return j;
      if (typeof j === "bigint") return Number(j);
      if (typeof j === "string" && Object.hasOwn(SPECIAL_REALS, j))
        return SPECIAL_REALS[j as keyof typeof SPECIAL_REALS];
      return fail('expected a number, "PLUS-INFINITY", "MINUS-INFINITY" or "NOT-A-NUMBER"');
    case "enumerated": {
      if (typeof j === "string" && (d.root.includes(j) || d.ext?.includes(j))) return j;
      // an extension value by index: a known one becomes its name, an unknown one stays a number
      if (typeof j === "number" && d.ext && Number.isSafeInteger(j) && j >= 0) return j < d.ext.length ? d.ext[j] : j;
      return fail(`expected one of ${names([...d.root, ...(d.ext ?? [])])}`);
    }
    case "bitstring": {
      const msg = 'expected {"bits": hex, "length": n}';
      if (!isObj(j) || Object.keys(j).length !== 2 || typeof j.bits !== "string") return fail(msg);
      const n = typeof j.length === "bigint" ? Number.NaN : (j.length as number);
      const bytes = fromHex(j.bits);
      if (!bytes || !Number.isSafeInteger(n) || n < 0) return fail(msg);
      if (bytes.length !== Math.ceil(n / 8)) return fail(`"bits" must hold ${Math.ceil(n / 8)} bytes for length ${n}`);
      if (n % 8 && bytes[bytes.length - 1] & (0xff >> (n % 8))) return fail("the unused trailing bits must be zero");
      return { bits: bytes, length: n };
    }
    case "octetstring":
      return readOctets(j) ?? fail('expected {"octets": hex}');
    case "string":
      return typeof j === "string" ? j : fail("expected a string");
    case "oid":
      return isObj(j) && Object.keys(j).length === 1 && typeof j.oid === "string" && OID.test(j.oid)
        ? { oid: j.oid }
        : fail('expected {"oid": "1.2.3"}');
    case "sequence": {
      if (!isObj(j)) return fail("expected an object");
      const out: Obj = {};
      let seen = 0;
      for (const c of componentsOf(d)) {
        const cj = j[c.name];
        if (cj === undefined) {
          if (!c.optional && !d.ext?.includes(c)) fail(`missing component "${c.name}"`);
          continue;
        }
        seen++;
        path.push(c.name);
        const cv = read(c.type, cj, path, out);
        path.pop();
        // a DEFAULT component equal to its default is absent in the value model
        if (!("defaultValue" in c && sameValue(cv, c.defaultValue))) out[c.name] = cv;
      }
      if (seen !== Object.keys(j).length) unknownKey(j, componentsOf(d), path, "read");
      return out;
    }
    case "choice": {
      const keys = isObj(j) ? Object.keys(j) : [];
      const alt =
        keys.length === 1
          ? (d.root.find((a) => a.name === keys[0]) ?? d.ext?.find((a) => a.name === keys[0]))
          : undefined;
      if (!alt) {
        const raw =
          d.ext && keys.length === 1 && UNKNOWN_ALTERNATIVE.test(keys[0])
            ? readOctets((j as Obj)[keys[0]] as JsonValue)
            : null;
        if (raw) return { [keys[0]]: raw };
        return fail(
          `expected {"alternative": value} with one of ${names([...d.root, ...(d.ext ?? [])].map((a) => a.name))}`,
        );
      }
      path.push(alt.name);
      const inner = read(alt.type, (j as { [k: string]: JsonValue })[alt.name], path, null);
      path.pop();
      return { [alt.name]: inner };
    }
    case "sequenceOf":
      if (!Array.isArray(j)) return fail("expected an array");
      return j.map((e, i) => {
        path.push(i);
        const v = read(d.item, e, path, null);
        path.pop();
        return v;
      });
    case "open": {
      const target = siblings && openTarget(d, siblings);
      if (target) return read(target, j, path, null);
      return readOctets(j) ?? fail(`expected {"octets": hex} (key ${keyText(d, siblings)} is not in the table)`);
    }
  }
}

function readOctets(j: JsonValue): Uint8Array | null {
  if (!isObj(j) || Object.keys(j).length !== 1 || typeof j.octets !== "string") return null;
  return fromHex(j.octets);
}
