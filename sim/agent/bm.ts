/**
 * E2SM-BM (ours, docs/service-models/e2sm-bm.md) in the simulated gNB: per-UE top-K SSB beam reports
 * (style 1), UE position reports with the scenario's position error (style 2), and serving-beam
 * switch control (style 1). Beam directions are announced as configured (the nominal panels), so an
 * xApp can map beam ids onto its twin's codebook.
 */
import { BM_OID, SERVICE_MODELS } from "../../e2sm/index.js";
import { cellFromSpec } from "../../twin/antenna/cell-spec.js";
import { pointingDirectionsDeg } from "../../twin/antenna/codebook.js";
import { Rrc } from "../ran/network.js";
import { Rng } from "../random.js";
import type { NodeContext } from "./node.js";
import {
  chunks,
  type IndicationOut,
  ownControlStyle,
  ownReportStyle,
  Periodic,
  periodicTrigger,
  type RanService,
  type Result,
  type RunningAction,
  refuse,
} from "./service.js";

const BEAM_REPORT = 1;
const POSITION_REPORT = 2;
const BEAM_SWITCH = 1;
/** BM-RSRP: 0.1 dBm over TS 38.133's range. */
const RSRP_MIN = -1560;
const RSRP_MAX = -310;
const CM = 100;
/** Beams E2SM-BM can name (BM-BeamId 0..63). */
const MAX_BEAMS = 64;
/** How long a switched beam holds when the control does not say. */
const DEFAULT_HOLD_MS = 1000;

interface BmTrigger {
  readonly periodS: number;
}

interface Scope {
  cells?: unknown[];
  ues?: number[];
}

export function bmService(ctx: NodeContext, options: { positionErrorM: number }): RanService<BmTrigger> {
  const net = ctx.net;
  const rng = new Rng(net.scenario.seed, `bm-positions ${ctx.node.name}`);
  const heightM = net.scenario.propagation.heightM;
  const inScope = (scope: Scope | undefined) => {
    const cells = scope?.cells?.map((c) => ctx.cellOf(c as any));
    if (cells?.some((c) => !ctx.hosts(c))) return "a cell of the scope is not a cell of this node";
    const ues = scope?.ues ? new Set(scope.ues) : undefined;
    return (u: number) =>
      net.rrc[u] === Rrc.Connected &&
      ctx.hosts(net.serving[u]) &&
      (!cells || cells.includes(net.serving[u])) &&
      (!ues || ues.has(u));
  };
  const header = () => ({ collectionTime: ctx.timestamp(8) });

  return {
    smId: "bm",
    sm: SERVICE_MODELS.bm,
    oid: BM_OID,
    definition: () => {
      // the cells on air: with none, the node offers no beam management (the RIC hears it deleted)
      const cells = ctx.node.cells.filter((c) => net.cellOn[c]);
      return cells.length === 0 ? undefined : definitionOf(cells);
    },

    trigger: periodicTrigger,

    action(trigger, request): Result<{ running: RunningAction }> {
      const def = request.definition as any;
      const [format, body] = (Object.entries(def?.["actionDefinition-formats"] ?? {})[0] ?? []) as [string, any];
      const style = def?.["ric-Style-Type"];
      if (request.type !== "report")
        return refuse({ ricRequest: "action-not-supported" }, "BM has report actions only");
      const pick = inScope(body?.scope);
      if (typeof pick === "string") return refuse({ ricRequest: "action-not-supported" }, pick);
      const every = new Periodic(trigger.periodS, net.timeS);
      const step = (make: () => IndicationOut[]) => ({
        ok: true as const,
        running: { step: (t: number) => (every.due(t) ? make() : []), stop() {} },
      });
      if (style === BEAM_REPORT && format === "actionDefinition-Format1") {
        const topK = Math.min(body.topK, net.scenario.rrm.beamReportTopK);
        return step(() => {
          const ueReports = [];
          for (let u = 0; u < net.ueCount; u++) {
            if (!pick(u)) continue;
            const beams = reportedBeams(u, topK);
            if (beams.length === 0 || net.servingBeam[u] >= MAX_BEAMS) continue;
            ueReports.push({ ueId: u, servingCell: ctx.cgi(net.serving[u]), servingBeam: net.servingBeam[u], beams });
          }
          return chunks(ueReports).map((part) => ({
            type: "report" as const,
            header: header(),
            message: { "indicationMessage-formats": { "indicationMessage-Format1": { ueReports: part } } },
          }));
        });
      }
      if (style === POSITION_REPORT && format === "actionDefinition-Format2") {
        const lastX = new Float64Array(net.ueCount).fill(Number.NaN);
        const lastY = new Float64Array(net.ueCount);
        let lastT = net.timeS;
        return step(() => {
          const dt = net.timeS - lastT;
          lastT = net.timeS;
          const sigma = options.positionErrorM;
          const uePositions = [];
          for (let u = 0; u < net.ueCount; u++) {
            const x = net.mobility.x[u];
            const y = net.mobility.y[u];
            const moved = !Number.isNaN(lastX[u]) && dt > 0;
            const vx = moved ? (x - lastX[u]) / dt : 0;
            const vy = moved ? (y - lastY[u]) / dt : 0;
            lastX[u] = x;
            lastY[u] = y;
            if (!pick(u)) continue;
            uePositions.push({
              ueId: u,
              servingCell: ctx.cgi(net.serving[u]),
              position: {
                x: clamp(Math.round((x + sigma * rng.normal()) * CM), -1e7, 1e7),
                y: clamp(Math.round((y + sigma * rng.normal()) * CM), -1e7, 1e7),
                z: Math.round(heightM * CM),
              },
              accuracy: Math.round(sigma * CM),
              velocity: moved
                ? { vx: clamp(Math.round(vx * CM), -1e4, 1e4), vy: clamp(Math.round(vy * CM), -1e4, 1e4) }
                : undefined,
            });
          }
          return chunks(uePositions).map((part) => ({
            type: "report" as const,
            header: header(),
            message: { "indicationMessage-formats": { "indicationMessage-Format2": { uePositions: part } } },
          }));
        });
      }
      return refuse({ ricRequest: "action-not-supported" }, `report style ${style} with ${format} is not offered`);
    },

    control({ header, message }) {
      const h = header as any;
      const f1 = (message as any)?.["controlMessage-formats"]?.["controlMessage-Format1"];
      const beam = f1?.targetBeam;
      if (h?.["ric-Style-Type"] !== BEAM_SWITCH || beam === undefined) {
        return refuse(
          { ricRequest: "action-not-supported" },
          "BM control: style 1 (serving beam switch), message format 1",
        );
      }
      const u = ctx.ueOfNumber(h.ueId);
      if (u < 0) return refuse({ ricRequest: "control-message-invalid" }, `no UE ${h.ueId}`);
      if (!ctx.serves(u) || net.rrc[u] !== Rrc.Connected) {
        return refuse({ ricRequest: "control-failed-to-execute" }, `UE ${u} is not connected to this node`);
      }
      const result = net.switchBeam(u, beam, (f1.holdTime ?? DEFAULT_HOLD_MS) / 1000);
      if (!result.ok) {
        return refuse(
          result.reason === "unknown-beam"
            ? { ricRequest: "control-message-invalid" }
            : { ricRequest: "control-failed-to-execute" },
          `beam switch: ${result.reason}`,
        );
      }
      return { ok: true, outcome: { servingCell: ctx.cgi(net.serving[u]), servingBeam: net.servingBeam[u] } };
    },
  };

  function definitionOf(cells: readonly number[]) {
    return {
      "ranFunction-Name": {
        "ranFunction-ShortName": "TWINRIC-E2SM-BM",
        "ranFunction-E2SM-OID": BM_OID,
        "ranFunction-Description": "Beam management",
      },
      reportStyles: [
        ownReportStyle(BEAM_REPORT, "Beam report", 1, 1),
        ownReportStyle(POSITION_REPORT, "UE position", 2, 2),
      ],
      controlStyles: [ownControlStyle(BEAM_SWITCH, "Serving beam switch")],
      cells: cells.map((c) => ({
        cellGlobalID: ctx.cgi(c),
        ssbBeams: net.scenario.cells[c].points
          .flatMap((p) => pointingDirectionsDeg(cellFromSpec(p.nominal).codebook))
          .slice(0, MAX_BEAMS) // BM-BeamId reaches 63: a cell's further beams are not reported
          .map((d, beamId) => ({
            beamId,
            azimuth: clamp(Math.round(d.azimuthDeg * 10), -1800, 1800),
            elevation: clamp(Math.round(d.elevationDeg * 10), -900, 900),
          })),
      })),
    };
  }

  function reportedBeams(u: number, topK: number) {
    const report = net.beamReport;
    const at = u * 2 * net.scenario.rrm.beamReportTopK;
    const out = [];
    for (let r = 0; r < topK; r++) {
      const beam = report[at + 2 * r];
      if (Number.isNaN(beam)) break;
      if (beam >= MAX_BEAMS) continue;
      out.push({ beamId: beam, rsrp: clamp(Math.round(report[at + 2 * r + 1] * 10), RSRP_MIN, RSRP_MAX) });
    }
    return out;
  }
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
