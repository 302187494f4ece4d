/** A short description of a value, for encode errors: `bytes(4)`, `12n`, `"abc"`, `object`. */
export function show(v: unknown): string {
  if (v instanceof Uint8Array) return `bytes(${v.length})`;
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === "object" && v !== null) return Array.isArray(v) ? `array(${v.length})` : "object";
  return String(v);
}
