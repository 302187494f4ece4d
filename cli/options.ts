/**
 * Option parsing shared by the commands: parseArgs with usage errors, numbers with their flag's name.
 */
import { parseArgs } from "node:util";
import { loadScene, type Scene } from "../twin/scene/index.js";
import { type CliIo, UsageError } from "./io.js";

/**
 * parseArgs with usage errors, and values that start with a minus sign (coordinates such as
 * `--tx -30,0,20`) taken as values: parseArgs alone reads them as options.
 */
export function parseOptions(argv: string[], options: ParseArgsOptions, help: string): ParsedOptions {
  const joined: string[] = [];
  // positionals that are negative numbers or coordinates (`-95,130,1.5`): kept aside, parseArgs would read options
  const negatives: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : "";
    const next = argv[i + 1];
    if (options[name]?.type === "string" && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${argv[i]}=${next}`);
      i++;
    } else if (/^-[\d.]/.test(argv[i])) negatives.push(argv[i]);
    else joined.push(argv[i]);
  }
  try {
    const parsed = parseArgs({
      args: joined,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    // (their order among the other positionals is kept)
    if (negatives.length) {
      const positionals: string[] = [];
      let n = 0;
      let p = 0;
      for (const a of argv) {
        if (negatives[n] === a) positionals.push(negatives[n++]);
        else if (parsed.positionals[p] === a) positionals.push(parsed.positionals[p++]);
      }
      return { values: parsed.values, positionals };
    }
    return parsed;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${help}`);
  }
}

export type ParseArgsOptions = Record<string, { type: "string" | "boolean"; short?: string }>;
interface ParsedOptions {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function help(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return 0;
}

export async function loadSceneArg(path: string | undefined, help: string): Promise<Scene> {
  if (!path) throw new UsageError(`--scene is required\n${help}`);
  return loadScene(path);
}

export function positiveNumber(text: string | undefined, flag: string, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`${flag} is required`);
    return fallback;
  }
  const x = Number(text);
  if (!(x > 0) || !Number.isFinite(x)) throw new UsageError(`${flag} must be a positive number, got '${text}'`);
  return x;
}

/** A whole number 0..max from a flag's text, or `fallback` when the flag is absent. */
export function wholeNumber(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const x = Number(text);
  if (!Number.isInteger(x) || x < 0 || x > max)
    throw new UsageError(`${flag} must be a whole number 0..${max}, got '${text}'`);
  return x;
}

/** A number 0..max from a flag's text (a distance, a share), or `fallback` when the flag is absent. */
export function boundedNumber(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const x = Number(text);
  // plain decimals only: Number() would also take "0x10", "1e1" and " 2 "
  if (!/^\d+(\.\d+)?$/.test(text) || !(x <= max))
    throw new UsageError(`${flag} must be a number 0..${max}, got '${text}'`);
  return x;
}
