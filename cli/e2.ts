/**
 * `twinric e2 decode|encode`: APER hex <-> JSON for any E2AP / E2SM type, with the E2SM payloads of
 * E2AP messages decoded in place.
 */
import { parseArgs } from "node:util";
import { isE2CodecError } from "../e2sm/errors.js";
import { collapsePayloads, expandPayloads, newPayloadContext } from "../e2sm/payloads.js";
import { e2apModule, SERVICE_MODELS, serviceModel } from "../e2sm/registry.js";
import { decode } from "../e2sm/schema/decode.js";
import type { Desc } from "../e2sm/schema/descriptors.js";
import { encode } from "../e2sm/schema/encode.js";
import {
  fromHex,
  fromJson,
  JsonMappingError,
  type JsonValue,
  parseJson,
  stringifyJson,
  toHex,
  toJson,
} from "../e2sm/schema/json.js";
import { typeOf } from "../e2sm/schema/module.js";
import { type CliIo, readAll, UsageError } from "./io.js";
import { splitJsonDocuments } from "./json-documents.js";

/** The --sm values, for the usage lines: `kpm-v2|kpm-v3|rc|bm|csi`. */
const SM_IDS = Object.keys(SERVICE_MODELS).join("|");

const DECODE_HELP = `usage: twinric e2 decode [--e2ap v2|v3] [--type TYPE] [--sm ${SM_IDS}] [--reencode] [--compact] HEX|-

Decodes APER-encoded E2 messages to JSON. By default each input is an E2AP-PDU, and the E2SM payloads
inside it (indication header/message, control header/message, action definitions, RAN function
definitions...) are decoded too, under the octet string they came from: the service model comes from
--sm, or from the RAN function OID announced earlier in the same input (E2 Setup, RIC Service Update).
--type decodes any named type instead (with --sm: a type of that service model).
Input: HEX, or '-' to read stdin; several messages one hex string per line ('#' starts a comment).

  --e2ap v2|v3     E2AP version (default v3; O-RAN SC e2term speaks v2)
  --type TYPE      ASN.1 type name, e.g. RICindication, E2SM-RC-ControlHeader
  --sm ID          service model: ${Object.keys(SERVICE_MODELS).join(", ")} (bm, csi: twinric's own,
                   docs/service-models/)
  --reencode       re-encode each message and report on stderr whether the bytes are identical
                   (exit status 1 when one differs)
  --compact        one JSON document per line

Exit status: 0 ok, 1 a re-encoding differed, 2 malformed input or usage.
example:
  twinric e2 decode --sm kpm-v3 --type E2SM-KPM-EventTriggerDefinition 0803e7`;

const ENCODE_HELP = `usage: twinric e2 encode [--e2ap v2|v3] [--type TYPE] [--sm ${SM_IDS}] JSON|-

Encodes JSON values (as 'twinric e2 decode' prints them) to APER hex, one line per value. Payloads
shown as {"octets": ..., "e2sm": {"sm", "type", "value"}} are re-encoded from "value", so a decoded
message can be edited and encoded back.
example:
  twinric e2 encode --sm kpm-v3 --type E2SM-KPM-EventTriggerDefinition \\
    '{"eventDefinition-formats": {"eventDefinition-Format1": {"reportingPeriod": 1000}}}'`;

export async function e2Command(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "decode") return decodeCommand(rest, io);
  if (sub === "encode") return encodeCommand(rest, io);
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.stdout.write(`${DECODE_HELP}\n\n${ENCODE_HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown e2 command '${sub}' (decode, encode)`);
}

interface Target {
  desc: Desc;
  /** True when values are whole E2AP PDUs whose payloads get expanded. */
  isPdu: boolean;
}

function parse(argv: string[], help: string) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help };
  if (positionals.length !== 1)
    throw new UsageError(`expected one input (or '-' for stdin), got ${positionals.length}\n${help}`);
  const version = values.e2ap ?? "v3";
  if (version !== "v2" && version !== "v3") throw new UsageError(`--e2ap must be v2 or v3, not '${version}'`);
  const sm = values.sm === undefined ? undefined : usage(() => serviceModel(values.sm!));
  const mod = values.type !== undefined && sm ? sm.module : e2apModule(version === "v2" ? 2 : 3);
  const typeName = values.type ?? "E2AP-PDU";
  const target: Target = { desc: usage(() => typeOf(mod, typeName)), isPdu: values.type === undefined };
  return { target, sm, input: positionals[0], reencode: values.reencode === true, compact: values.compact === true };
}

const OPTIONS = {
  e2ap: { type: "string" },
  type: { type: "string" },
  sm: { type: "string" },
  reencode: { type: "boolean" },
  compact: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function inputText(input: string, io: CliIo): Promise<string> {
  return input === "-" ? readAll(io.stdin) : input;
}

async function decodeCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parse(argv, DECODE_HELP);
  if ("help" in opts) {
    io.stdout.write(`${opts.help}\n`);
    return 0;
  }
  const { target, sm, reencode, compact } = opts;
  const ctx = newPayloadContext(sm);
  let status = 0;
  const lines = (await inputText(opts.input, io)).split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n].replace(/#.*/, "").replace(/[\s:]/g, "").replace(/^0x/i, "");
    if (text === "") continue;
    const where = lines.length > 1 ? `line ${n + 1}: ` : "";
    const bytes = fromHex(text);
    if (!bytes) {
      const bad = text.search(/[^0-9a-fA-F]/);
      io.stderr.write(
        `twinric: ${where}not hex: ${bad >= 0 ? `character ${JSON.stringify(text[bad])} at ${bad}` : "odd number of digits"}\n`,
      );
      status = 2;
      continue;
    }
    try {
      const value = decode(target.desc, bytes);
      let json = toJson(target.desc, value);
      if (target.isPdu) json = expandPayloads(target.desc, json, ctx);
      io.stdout.write(`${stringifyJson(json, compact ? undefined : 2)}\n`);
      if (reencode) {
        const again = encode(target.desc, fromJson(target.desc, collapsePayloads(json)));
        const same = toHex(again) === toHex(bytes);
        io.stderr.write(
          `${where}re-encoding ${same ? "identical" : `differs: ${toHex(again)}`} (${bytes.length} bytes)\n`,
        );
        if (!same && status === 0) status = 1;
      }
    } catch (e) {
      if (!isE2CodecError(e) && !(e instanceof JsonMappingError)) throw e;
      io.stderr.write(`twinric: ${where}${e.message}\n`);
      status = 2;
    }
  }
  return status;
}

async function encodeCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parse(argv, ENCODE_HELP);
  if ("help" in opts) {
    io.stdout.write(`${opts.help}\n`);
    return 0;
  }
  const { target } = opts;
  let docs: { text: string; line: number }[];
  try {
    docs = splitJsonDocuments(await inputText(opts.input, io));
  } catch (e) {
    io.stderr.write(`twinric: ${(e as Error).message}\n`);
    return 2;
  }
  let status = 0;
  for (const doc of docs) {
    const where = docs.length > 1 ? `value at line ${doc.line}: ` : "";
    try {
      const json: JsonValue = collapsePayloads(parseJson(doc.text));
      io.stdout.write(`${toHex(encode(target.desc, fromJson(target.desc, json)))}\n`);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      const known =
        isE2CodecError(e) || e instanceof JsonMappingError || e instanceof SyntaxError || e.name.includes("Json");
      if (!known) throw e;
      io.stderr.write(`twinric: ${where}${e.message}\n`);
      status = 2;
    }
  }
  return status;
}
