/**
 * Compares one of our in-memory values with the reference codec's JSON for the same bytes, walking the
 * descriptor. The oracle's JSON is Erlang terms printed generically, which blurs some types:
 *
 * - an empty character string or SEQUENCE OF is `[]`; a list of printable character codes (any
 *   SEQUENCE OF small integers, an IA5String with control characters the other way round) may come
 *   as a string or as a list of integers; a string that reads as an NR3 real ("1.E2") comes as a number;
 * - a UTF8String comes as {"octets": its UTF-8 bytes}; a BIT STRING of a multiple of 8 bits as {"octets"};
 * - an OBJECT IDENTIFIER of three arcs whose second is 2 or 10 reads as a REAL {m, base, e};
 * - ENUMERATED `true`/`false` come as JSON booleans; an unknown extension value as {"asn1_enum": i};
 * - an unknown CHOICE extension alternative is {"asn1_ExtAlt": {"octets"}};
 * - REAL is a float (from binary M*2^E exactly, from decimal M*10^E rounded) or a special-value string;
 * - an absent DEFAULT component is filled in with its default.
 */
import { type Desc, resolve } from "../../e2sm/schema/descriptors.js";
import { type JsonValue, openTarget, stringifyJson, toHex, toJson } from "../../e2sm/schema/json.js";
import { UNKNOWN_ALTERNATIVE } from "../../e2sm/schema/values.js";

type Obj = { [k: string]: JsonValue };
const isObj = (j: unknown): j is Obj => typeof j === "object" && j !== null && !Array.isArray(j);
const MAX_DIFFERENCES = 50;

/** Differences between `ours` and the oracle's `value`, as `path: ours X, oracle Y`; empty when equal. */
export function compareWithOracle(desc: Desc, ours: unknown, oracle: JsonValue): string[] {
  const out: string[] = [];
  cmp(desc, ours, oracle, "", null, out);
  return out;
}

function cmp(
  desc: Desc,
  v: unknown,
  j: JsonValue,
  path: string,
  siblings: Record<string, unknown> | null,
  out: string[],
): void {
  if (out.length >= MAX_DIFFERENCES) return;
  const d = resolve(desc);
  const differ = (why = "") => out.push(`${path || "/"}: ours ${showOurs(desc, v)}, oracle ${show(j)}${why}`);
  switch (d.kind) {
    case "sequence": {
      if (!isObj(j) || !isObj(v)) {
        differ();
        return;
      }
      const comps = d.ext ? [...d.root, ...d.ext] : d.root;
      for (const c of comps) {
        const cv = v[c.name] ?? c.defaultValue; // the oracle fills absent DEFAULT components in
        const cj = j[c.name];
        const at = `${path}/${c.name}`;
        if (cv === undefined && cj === undefined) continue;
        if (cv === undefined || cj === undefined) {
          out.push(
            `${at}: ours ${cv === undefined ? "absent" : showOurs(c.type, cv)}, oracle ${cj === undefined ? "absent" : show(cj)}`,
          );
          continue;
        }
        cmp(c.type, cv, cj, at, v, out);
      }
      const known = new Set(comps.map((c) => c.name));
      for (const k of Object.keys(j))
        if (!known.has(k)) out.push(`${path}/${k}: ours absent (not in the type), oracle ${show(j[k])}`);
      return;
    }
    case "choice": {
      const [alt] = isObj(v) ? Object.keys(v) : [];
      const [jalt] = isObj(j) ? Object.keys(j) : [];
      if (alt === undefined || jalt === undefined) {
        differ();
        return;
      }
      const cv = (v as Obj)[alt];
      const cj = (j as Obj)[jalt];
      if (UNKNOWN_ALTERNATIVE.test(alt) && jalt === "asn1_ExtAlt") {
        if (!sameOctets(cv, cj)) differ();
        return;
      }
      const a = alt === jalt ? (d.root.find((x) => x.name === alt) ?? d.ext?.find((x) => x.name === alt)) : undefined;
      if (a) cmp(a.type, cv, cj, `${path}/${alt}`, null, out);
      else out.push(`${path || "/"}: ours alternative ${alt}, oracle alternative ${jalt}`);
      return;
    }
    case "sequenceOf": {
      const items = v as unknown[];
      if (typeof j === "number") {
        const text = items.every((x) => typeof x === "number") ? String.fromCharCode(...(items as number[])) : "";
        if (!readsAsReal(text, j)) differ(" (a list of character codes read as a REAL)");
        return;
      }
      const list: JsonValue[] | null =
        typeof j === "string" ? Array.from(j, (c) => c.charCodeAt(0)) : Array.isArray(j) ? j : null;
      if (list && list.length === items.length) {
        for (let i = 0; i < items.length; i++) cmp(d.item, items[i], list[i], `${path}/${i}`, null, out);
      } else differ(list ? ` (${items.length} items against ${list.length})` : "");
      return;
    }
    case "open": {
      const target = siblings && openTarget(d, siblings);
      if (target) cmp(target, v, j, path, null, out);
      else if (!sameOctets(v, j)) differ(" (raw open type)");
      return;
    }
    default: {
      const why = leafDiffers(d, v, j);
      if (why !== null) differ(why);
    }
  }
}

/** null when the leaf values agree, else a note for the message ("" when there is nothing to add). */
function leafDiffers(
  d: Exclude<Desc, { kind: "ref" | "sequence" | "choice" | "sequenceOf" | "open" }>,
  v: unknown,
  j: JsonValue,
): string | null {
  const same = (ok: boolean, note = "") => (ok ? null : note);
  switch (d.kind) {
    case "integer":
      return same(sameInteger(v, j));
    case "boolean":
      return same(v === j);
    case "null":
      return same(v === null && j === null);
    case "real":
      return same(sameReal(v as number, oracleReal(j)));
    case "enumerated":
      if (typeof v === "number") return same(isObj(j) && j.asn1_enum === v, " (unknown extension value)");
      return same(v === (typeof j === "boolean" ? String(j) : j));
    case "bitstring": {
      const b = v as { bits: Uint8Array; length: number };
      const hex = toHex(b.bits.subarray(0, Math.ceil(b.length / 8)));
      if (isObj(j) && j.octets !== undefined) return same(b.length % 8 === 0 && j.octets === hex);
      return same(isObj(j) && j.bits === hex && j.length === b.length);
    }
    case "octetstring":
      return same(sameOctets(v, j));
    case "string":
      if (typeof j === "number") return same(readsAsReal(v as string, j), " (a string read as a REAL)");
      return same(v === oracleString(j));
    case "oid": {
      const text = (v as { oid: string }).oid;
      const arcs = text.split(".").map(Number);
      if (typeof j !== "number") return same(isObj(j) && j.oid === text);
      const asReal = arcs.length === 3 && (arcs[1] === 2 || arcs[1] === 10) && close(arcs[0] * arcs[1] ** arcs[2], j);
      return same(asReal, " (three arcs read as a REAL)");
    }
  }
}

const sameOctets = (v: unknown, j: unknown) => v instanceof Uint8Array && isObj(j) && j.octets === toHex(v);

function sameInteger(v: unknown, j: JsonValue): boolean {
  const ok = (x: unknown) => typeof x === "bigint" || (typeof x === "number" && Number.isInteger(x));
  return ok(v) && ok(j) && BigInt(v as number | bigint) === BigInt(j as number | bigint);
}

const SPECIAL: Record<string, number> = {
  "PLUS-INFINITY": Infinity,
  "MINUS-INFINITY": -Infinity,
  "NOT-A-NUMBER": Number.NaN,
  "MINUS-ZERO": -0,
};

/** The oracle's REAL: a float, a special-value string, or an ISO 6093 string it did not convert ("15", "1,5"). */
function oracleReal(j: JsonValue): number | null {
  if (typeof j === "number") return j;
  if (typeof j === "bigint") return Number(j);
  if (typeof j !== "string") return null;
  if (Object.hasOwn(SPECIAL, j)) return SPECIAL[j];
  const n = Number(
    j
      .trim()
      .replace(",", ".")
      .replace(/\.(?=[eE]|$)/, ""),
  );
  return Number.isNaN(n) ? null : n;
}

function sameReal(a: number, b: number | null): boolean {
  if (b === null || typeof a !== "number") return false;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Object.is(a, b) || (a !== 0 && b !== 0 && close(a, b));
}

/** Equal but for a few units in the last place: the oracle computes decimal REALs as M * 10^E in floats. */
const close = (a: number, b: number) =>
  a === b || (Number.isFinite(a) && Math.abs(a - b) <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b)));

/** Whether the oracle would read `s` as an NR3 real ("15.E-1") and print it as the number `n`. */
function readsAsReal(s: string, n: number): boolean {
  const m = /^([+-]?[0-9]+)\.E([+-]?[0-9]+)$/.exec(s);
  return m !== null && close(Number(m[1]) * 10 ** Number(m[2]), n);
}

/** A character string as the oracle shows it: string, [] when empty, character codes, or UTF-8 octets. */
function oracleString(j: JsonValue): string | null {
  if (typeof j === "string") return j;
  if (Array.isArray(j)) return j.every((c) => typeof c === "number") ? String.fromCodePoint(...(j as number[])) : null;
  if (isObj(j) && typeof j.octets === "string") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(j.octets, "hex"));
    } catch {
      return null;
    }
  }
  return null;
}

const cut = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}...` : s);
const show = (j: JsonValue) => cut(stringifyJson(j));

function showOurs(desc: Desc, v: unknown): string {
  try {
    return show(toJson(desc, v));
  } catch {
    return cut(typeof v === "bigint" ? `${v}` : String(JSON.stringify(v) ?? v));
  }
}
