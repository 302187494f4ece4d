/**
 * Checks a recorded E2 transcript against the independent oracles: every E2AP PDU (both ways) must be
 * decoded by the reference codec and re-encoded to the same bytes, with the same value as ours, and
 * so must every service-model payload inside it (KPM, RC by the shared oracle; BM, CSI by ours built
 * with the same Erlang compiler). Payloads holding REALs are compared by value (the oracle writes REAL
 * in its own form).
 */
import { E2apCodec, type E2apVersion, type E2Message } from "../../e2sm/index.js";
import { SERVICE_MODELS, serviceModelByOid } from "../../e2sm/registry.js";
import { decode } from "../../e2sm/schema/decode.js";
import { encode } from "../../e2sm/schema/encode.js";
import { stringifyJson, toHex } from "../../e2sm/schema/json.js";
import { typeOf } from "../../e2sm/schema/module.js";
import type { Oracle, OracleModule } from "./oracle.js";
import { compareWithOracle } from "./oracle-compare.js";

const ORACLE_OF: Record<string, OracleModule> = {
  "kpm-v2": "KPM_v2",
  "kpm-v3": "KPM_v3",
  "rc-v1": "RC_v1",
  "bm-v1": "TWINRIC_BM",
  "csi-v1": "TWINRIC_CSI",
};

const PAYLOADS = [
  "RICindicationHeader",
  "RICindicationMessage",
  "RICcallProcessID",
  "RICcontrolHeader",
  "RICcontrolMessage",
  "RICcontrolOutcome",
] as const;

export interface OracleSet {
  readonly shared: Oracle;
  readonly ours: Oracle;
}

/** Problems found in a transcript of PDUs (in the order sent, both ways); empty when all is well. */
export async function checkTranscript(
  oracles: OracleSet,
  version: E2apVersion,
  pdus: readonly Uint8Array[],
): Promise<string[]> {
  const codec = new E2apCodec({ version });
  const pduDesc = codec.parts.types.E2AP_PDU;
  const problems: string[] = [];
  const checks: Promise<void>[] = [];
  const checkOne = (module: OracleModule, type: string, bytes: Uint8Array, where: string, retried = false) => {
    const desc = module.startsWith("E2AP") ? pduDesc : undefined;
    checks.push(
      oracles[module.startsWith("TWINRIC") ? "ours" : "shared"].check(module, type, bytes).then((answer) => {
        const hex = toHex(bytes);
        const d = desc ?? typeOfModule(module, type);
        if (!answer.ok && !retried && /decode_real/.test(answer.error)) {
          // OTP 25 cannot read a zero REAL (no contents octets, X.690 8.5.2): check the same message
          // with every zero REAL made 1, so all its other bytes are still judged
          const value = decode(d, bytes);
          if (replaceZeroReals(value))
            return checkOne(module, type, encode(d, value), `${where} (zero REALs as 1)`, true);
        }
        if (!answer.ok) {
          problems.push(`${where}: oracle cannot decode ${type} ${hex}: ${answer.error}`);
          return;
        }
        const hasReal = /"real"|valueReal/.test(stringifyJson(answer.value));
        if (!answer.identical && !hasReal)
          problems.push(`${where}: oracle re-encodes ${type} ${hex} as ${answer.reencoded}`);
        if (answer.trailing) problems.push(`${where}: ${answer.trailing} trailing bytes`);
        const diffs = compareWithOracle(d, decode(d, bytes), answer.value);
        for (const diff of diffs.slice(0, 3)) problems.push(`${where} ${type}: ${diff}`);
      }),
    );
  };
  pdus.forEach((bytes, i) => {
    const msg: E2Message = codec.decode(bytes);
    const where = `#${i} ${msg.procedure}/${msg.kind}`;
    checkOne(version === 3 ? "E2AP_v3" : "E2AP_v2", "E2AP-PDU", bytes, where);
    const sm = codec.serviceModelOf(msg.ies.RANfunctionID);
    for (const container of PAYLOADS) {
      const payload = msg.ies[container] as Uint8Array | undefined;
      const type = sm?.payloads[container];
      if (payload && type) checkOne(ORACLE_OF[sm!.module.id], type, payload, where);
    }
    for (const f of [...(msg.ies.RANfunctionsAdded ?? []), ...(msg.ies.RANfunctionsModified ?? [])]) {
      const fsm = serviceModelByOid(f.ranFunctionOID);
      if (fsm) checkOne(ORACLE_OF[fsm.module.id], fsm.payloads.RANfunctionDefinition!, f.ranFunctionDefinition, where);
    }
  });
  // checks may add checks: wait until none is left
  for (let done = 0; done < checks.length; done = checks.length) await Promise.all(checks.slice(done));
  return problems;
}

/** The type `type` of the module an oracle module name stands for. */
function typeOfModule(module: OracleModule, type: string) {
  const id = Object.keys(ORACLE_OF).find((k) => ORACLE_OF[k] === module);
  const sm = Object.values(SERVICE_MODELS).find((m) => m.module.id === id)!;
  return typeOf(sm.module, type);
}

/** Makes every `{real: 0}` in a decoded value `{real: 1}`; whether there was one. */
function replaceZeroReals(v: unknown): boolean {
  if (Array.isArray(v)) return v.map(replaceZeroReals).some(Boolean);
  if (typeof v !== "object" || v === null || v instanceof Uint8Array) return false;
  const o = v as Record<string, unknown>;
  if ("real" in o && o.real === 0 && Object.keys(o).length === 1) {
    o.real = 1;
    return true;
  }
  return Object.values(o).map(replaceZeroReals).some(Boolean);
}
