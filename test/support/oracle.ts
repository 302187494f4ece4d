/**
 * Client of the independent APER reference codec `../shared/oracle/asn1-oracle` (Erlang/OTP asn1, see
 * its README). One process stays open; requests are written one line each and answers come back in
 * the same order, so many can be in flight at once.
 *
 * `startOracle()` runs the shared oracle (the standard modules); `startTwinricModelsOracle()` runs the
 * same Erlang program on twinric's own service models (docs/service-models/*.asn), compiled here.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type JsonValue, parseJson } from "../../e2sm/schema/json.js";

/** The shared oracle's standard module sets, and the sets of twinric's own models (`TWINRIC_*`). */
export type OracleModule = "E2AP_v3" | "E2AP_v2" | "KPM_v3" | "KPM_v2" | "RC_v1" | TwinricOracleModule;
export type TwinricOracleModule = "TWINRIC_BM" | "TWINRIC_CSI";

export type OracleAnswer =
  | { ok: true; reencoded: string; identical: boolean; trailing: number; value: JsonValue }
  | { ok: false; error: string };

export interface Oracle {
  /** Decodes `bytes` as `type` of `module`, re-encodes, and answers. */
  check(module: OracleModule, type: string, bytes: Uint8Array): Promise<OracleAnswer>;
  /** Ends the process once the answers in flight have come. */
  close(): Promise<void>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The oracle script; ASN1_ORACLE overrides it (another checkout, a wrapper). */
export const ORACLE_PATH = process.env.ASN1_ORACLE ?? resolve(repoRoot, "../shared/oracle/asn1-oracle");

/** Exit status of `--check` when Erlang is missing and cannot be installed. */
const CANNOT_RUN = 3;

/** Builds the oracle (first run: installs Erlang when root, compiles the modules) and opens it. */
export async function startOracle(): Promise<Oracle | { skip: string }> {
  const skip = await prepareSharedOracle();
  if (skip) return skip;
  return new OracleProcess(spawn(ORACLE_PATH, [], { stdio: ["pipe", "pipe", "pipe"] }));
}

/**
 * The shared oracle's Erlang program on twinric's own service models: module sets `TWINRIC_BM`
 * (E2SM-COMMON-IEs + E2SM-BM-IEs) and `TWINRIC_CSI` (E2SM-COMMON-IEs + E2SM-CSI-IEs). Erlang comes
 * from the shared oracle's `--check` (same skip on exit 3); the sets are compiled once per content
 * into `own-<hash>` of the oracle cache.
 */
export async function startTwinricModelsOracle(): Promise<Oracle | { skip: string }> {
  const skip = await prepareSharedOracle();
  if (skip) return skip;
  const beams = await buildTwinricModels();
  return new OracleProcess(
    spawn("erl", ["-noshell", "-pa", beams, "-run", "asn1_oracle", "main"], { stdio: ["pipe", "pipe", "pipe"] }),
  );
}

/** Runs the shared oracle's `--check`: null when ready, a skip reason when Erlang cannot run here. */
async function prepareSharedOracle(): Promise<{ skip: string } | null> {
  if (!existsSync(ORACLE_PATH)) return { skip: `the reference codec is not at ${ORACLE_PATH}` };
  const check = await run(ORACLE_PATH, ["--check"], repoRoot);
  if (check.code === CANNOT_RUN) return { skip: check.stderr || "asn1-oracle cannot run here (exit 3)" };
  // anything else is a broken oracle, not a missing one: fail loudly rather than skip
  if (check.code !== 0) throw new Error(`asn1-oracle --check failed (exit ${check.code}): ${check.stderr}`);
  return null;
}

function run(file: string, args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { cwd, timeout: 600_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      done({ code, stderr: String(stderr || stdout || err?.message || "").trim() });
    });
  });
}

const SHARED_ORACLE_DIR = dirname(ORACLE_PATH);
const OWN_MODELS_DIR = resolve(repoRoot, "docs/service-models");
const COMMON_IES = resolve(SHARED_ORACLE_DIR, "asn1/e2sm-kpm-v03.00/E2SM-COMMON-IEs.asn");

/**
 * Each set's modules. Erlang wants each file named after its module, and a set name that is no
 * prefix of a type name (`BM` would clash with `BM-UE-Id`: hence `TWINRIC_BM`).
 */
const TWINRIC_SETS: Record<TwinricOracleModule, string[]> = {
  TWINRIC_BM: [COMMON_IES, resolve(OWN_MODELS_DIR, "E2SM-BM-IEs.asn")],
  TWINRIC_CSI: [COMMON_IES, resolve(OWN_MODELS_DIR, "E2SM-CSI-IEs.asn")],
};

/** Compiles the sets and the oracle program once per content; returns the folder of the .beam files. */
async function buildTwinricModels(): Promise<string> {
  const program = resolve(SHARED_ORACLE_DIR, "asn1_oracle.erl");
  const inputs = [program, ...new Set(Object.values(TWINRIC_SETS).flat())];
  const hash = createHash("sha256");
  for (const [set, files] of Object.entries(TWINRIC_SETS)) hash.update(`${set}:${files.map((f) => basename(f))}\n`);
  for (const f of inputs) hash.update(await readFile(f));
  const root =
    process.env.ASN1_ORACLE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "asn1-oracle");
  const cache = join(root, `own-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(cache)) return cache;

  // build beside the cache folder, then rename: a folder that exists is complete
  await mkdir(root, { recursive: true });
  const work = await mkdtemp(join(root, ".own-build-"));
  try {
    const out = join(work, "beams");
    await mkdir(out);
    for (const [set, files] of Object.entries(TWINRIC_SETS)) {
      const dir = join(work, set);
      await mkdir(dir);
      const names = files.map((f) => basename(f)).sort();
      for (const f of files) await copyFile(f, join(dir, basename(f)));
      await writeFile(join(dir, `${set}.set.asn`), `${names.join("\n")}\n`); // what `ls *.asn` writes
      await erlc(dir, ["-bper", "+maps", "+noobj", `${set}.set.asn`], set);
      await erlc(dir, [`${set}.erl`], set);
      await copyFile(join(dir, `${set}.beam`), join(out, `${set}.beam`));
    }
    await erlc(out, [program], "asn1_oracle.erl");
    try {
      await rename(out, cache);
    } catch (e) {
      if (!existsSync(cache)) throw e; // else another run finished first: use its build
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return cache;
}

async function erlc(cwd: string, args: string[], what: string): Promise<void> {
  const r = await run("erlc", args, cwd);
  if (r.code !== 0) throw new Error(`compiling ${what} for the oracle failed (exit ${r.code}): ${r.stderr}`);
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

class OracleProcess implements Oracle {
  private readonly waiting: { resolve: (a: OracleAnswer) => void; reject: (e: Error) => void }[] = [];
  private stderr = "";
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    proc.stderr.setEncoding("utf8");
    proc.stderr.on("data", (s: string) => {
      this.stderr = (this.stderr + s).slice(-4000);
    });
    createInterface({ input: proc.stdout, crlfDelay: Infinity }).on("line", (line) => this.answer(line));
    proc.stdin.on("error", (e) => this.fail(e));
    proc.on("error", (e) => this.fail(e));
    this.exited = new Promise((done) =>
      proc.on("close", (code, signal) => {
        this.fail(new Error(`asn1-oracle exited (${signal ?? code}) ${this.stderr.trim()}`));
        done();
      }),
    );
  }

  check(module: OracleModule, type: string, bytes: Uint8Array): Promise<OracleAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    if (!NAME.test(module) || !NAME.test(type))
      return Promise.reject(new Error(`bad oracle request ${module} ${type}`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin.write(`${module} ${type} ${Buffer.from(bytes).toString("hex")}\n`);
    });
  }

  private answer(line: string): void {
    const w = this.waiting.shift();
    if (!w) {
      this.fail(new Error(`asn1-oracle answered unasked: ${line.slice(0, 200)}`));
      return;
    }
    try {
      w.resolve(parseJson(line) as OracleAnswer);
    } catch (e) {
      w.reject(new Error(`asn1-oracle answer is not JSON (${(e as Error).message}): ${line.slice(0, 200)}`));
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  async close(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.stdin.end();
    await this.exited;
  }
}
