/**
 * Client of the independent APER reference codec `../shared/oracle/asn1-oracle` (Erlang/OTP asn1, see
 * its README). One process stays open; requests are written one line each and answers come back in
 * the same order, so many can be in flight at once.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type JsonValue, parseJson } from "../../e2sm/schema/json.js";

export type OracleModule = "E2AP_v3" | "E2AP_v2" | "KPM_v3" | "KPM_v2" | "RC_v1";

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
  if (!existsSync(ORACLE_PATH)) return { skip: `the reference codec is not at ${ORACLE_PATH}` };
  const check = await new Promise<{ code: number; stderr: string }>((done) => {
    execFile(ORACLE_PATH, ["--check"], { timeout: 600_000 }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      done({ code, stderr: String(stderr || err?.message || "").trim() });
    });
  });
  if (check.code === CANNOT_RUN) return { skip: check.stderr || "asn1-oracle cannot run here (exit 3)" };
  // anything else is a broken oracle, not a missing one: fail loudly rather than skip
  if (check.code !== 0) throw new Error(`asn1-oracle --check failed (exit ${check.code}): ${check.stderr}`);
  return new OracleProcess(spawn(ORACLE_PATH, [], { stdio: ["pipe", "pipe", "pipe"] }));
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
