/**
 * E2SM-CSI (ours, docs/service-models/e2sm-csi.md) in the simulated gNB: periodic wideband Type I
 * single-panel CSI reports (RI, PMI, CQI) computed from each UE's true channel (paths traced on the
 * true scene from the serving panel), and precoder refinement control: the gNB serves the UE with the
 * RIC's precoder, at the SINR it achieves on the true channel, until its validity ends. While CSI runs
 * for a UE, its link adaptation follows the CSI (rank and effective SINR), not the SSB beam's SINR.
 */
import { CSI_OID, SERVICE_MODELS } from "../../e2sm/index.js";
import { type CsiPorts, precoder, rank2Offsets } from "../ran/csi.js";
import type { CsiEngine } from "../ran/csi-engine.js";
import { Rrc } from "../ran/network.js";
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

const TYPE_I_REPORT = 1;
const PRECODER_REFINEMENT = 1;
const WEIGHT_SCALE = 2 ** 15;

export function csiService(ctx: NodeContext, engine: CsiEngine): RanService<{ periodS: number }> {
  const net = ctx.net;
  const ports = engine.ports;
  const served = (u: number) => net.rrc[u] === Rrc.Connected && ctx.hosts(net.serving[u]);

  return {
    smId: "csi",
    sm: SERVICE_MODELS.csi,
    oid: CSI_OID,
    definition: () => {
      const cells = ctx.node.cells.filter((c) => engine.serves(c));
      if (cells.length === 0) return undefined;
      return {
        "ranFunction-Name": {
          "ranFunction-ShortName": "TWINRIC-E2SM-CSI",
          "ranFunction-E2SM-OID": CSI_OID,
          "ranFunction-Description": "Channel state information",
        },
        reportStyles: [ownReportStyle(TYPE_I_REPORT, "Type I single-panel CSI", 1, 1)],
        controlStyles: [ownControlStyle(PRECODER_REFINEMENT, "Precoder refinement")],
        cells: cells.map((c) => ({ cellGlobalID: ctx.cgi(c), ...ports[c], codebookMode: 1 })),
      };
    },

    trigger: periodicTrigger,

    action(trigger, request): Result<{ running: RunningAction }> {
      const def = request.definition as any;
      const f1 = def?.["actionDefinition-formats"]?.["actionDefinition-Format1"];
      if (request.type !== "report" || def?.["ric-Style-Type"] !== TYPE_I_REPORT || !f1) {
        return refuse({ ricRequest: "action-not-supported" }, "CSI offers report style 1 (action format 1) only");
      }
      const cells = f1.scope?.cells?.map((c: any) => ctx.cellOf(c));
      if (cells?.some((c: number) => !ctx.hosts(c))) {
        return refuse({ ricRequest: "action-not-supported" }, "a cell of the scope is not a cell of this node");
      }
      const listed: Set<number> | undefined = f1.scope?.ues ? new Set(f1.scope.ues) : undefined;
      const every = new Periodic(trigger.periodS, net.timeS);
      return {
        ok: true,
        running: {
          step(t: number): IndicationOut[] {
            if (!every.due(t)) return [];
            const ues: number[] = [];
            for (let u = 0; u < net.ueCount; u++) {
              const c = net.serving[u];
              if (served(u) && engine.serves(c) && (!cells || cells.includes(c)) && (!listed || listed.has(u))) {
                ues.push(u);
              }
            }
            if (ues.length === 0) return [];
            const chs = engine.channels(ues);
            // the gNB adapts each UE's link to its report until two periods on
            const ueReports = ues.map((u) => {
              const r = engine.report(u, chs.get(u)!, 2 * trigger.periodS)!;
              return { ueId: u, servingCell: ctx.cgi(net.serving[u]), ri: r.ri, pmi: r.pmi, cqi: r.cqi };
            });
            return chunks(ueReports).map((part) => ({
              type: "report" as const,
              header: { collectionTime: ctx.timestamp(8) },
              message: { "indicationMessage-formats": { "indicationMessage-Format1": { ueReports: part } } },
            }));
          },
          stop() {},
        },
      };
    },

    control({ header, message }) {
      const h = header as any;
      const f1 = (message as any)?.["controlMessage-formats"]?.["controlMessage-Format1"];
      if (h?.["ric-Style-Type"] !== PRECODER_REFINEMENT || !f1) {
        return refuse(
          { ricRequest: "action-not-supported" },
          "CSI control: style 1 (precoder refinement), message format 1",
        );
      }
      const u = ctx.ueOfNumber(h.ueId);
      if (u < 0) return refuse({ ricRequest: "control-message-invalid" }, `no UE ${h.ueId}`);
      if (!served(u)) {
        return refuse({ ricRequest: "control-failed-to-execute" }, `UE ${u} is not connected to this node`);
      }
      const w = precoderOf(ports[net.serving[u]], f1.precoder);
      if (typeof w === "string") return refuse({ ricRequest: "control-message-invalid" }, w);
      const untilS = f1.validity === undefined ? Number.POSITIVE_INFINITY : net.timeS + f1.validity / 1000;
      const sinrDb = engine.impose(u, { rank: w.rank, w: w.w, untilS });
      if (sinrDb === undefined) {
        return refuse({ ricRequest: "control-failed-to-execute" }, `cell ${net.serving[u]} serves no CSI now`);
      }
      return {
        ok: true,
        outcome: { appliedRank: w.rank, sinr: Math.max(-300, Math.min(600, Math.round(sinrDb * 10))) },
      };
    },
  };
}

/** The precoder a control asks for (P x rank, unit norm), or why it cannot be used on this cell. */
function precoderOf(c: CsiPorts, choice: any): { rank: number; w: Float64Array } | string {
  const P = 2 * c.n1 * c.n2;
  if (choice?.typeI) {
    const { ri, pmi } = choice.typeI;
    if (ri < 1 || ri > c.maxRank) return `rank ${ri} is above the cell's ${c.maxRank}`;
    if ((ri === 2) !== (pmi.i13 !== undefined)) return `i13 is for rank 2, and only for it (rank ${ri})`;
    const pairs = rank2Offsets(c).length;
    if (
      pmi.i11 >= c.n1 * c.o1 ||
      pmi.i12 >= c.n2 * c.o2 ||
      pmi.i2 >= (ri === 1 ? 4 : 2) ||
      (ri === 2 && (pmi.i13 ?? 0) >= pairs)
    ) {
      return `PMI ${JSON.stringify(pmi)} is outside the cell's codebook (N1 O1 = ${c.n1 * c.o1}, N2 O2 = ${c.n2 * c.o2})`;
    }
    return { rank: ri, w: precoder(c, ri as 1 | 2, pmi) };
  }
  const layers = choice?.weights as { re: number; im: number }[][] | undefined;
  if (!layers) return "no precoder";
  const rank = layers.length;
  if (rank > c.maxRank) return `${rank} layers, above the cell's rank ${c.maxRank}`;
  if (layers.some((l) => l.length !== P)) return `each layer needs ${P} port weights`;
  if (layers.some((l) => l.every(({ re, im }) => re === 0 && im === 0))) return "a layer's weights are all zero";
  const w = new Float64Array(2 * P * rank);
  let norm = 0;
  layers.forEach((layer, l) =>
    layer.forEach(({ re, im }, p) => {
      w[2 * (p * rank + l)] = re / WEIGHT_SCALE;
      w[2 * (p * rank + l) + 1] = im / WEIGHT_SCALE;
      norm += (re / WEIGHT_SCALE) ** 2 + (im / WEIGHT_SCALE) ** 2;
    }),
  );
  for (let i = 0; i < w.length; i++) w[i] /= Math.sqrt(norm);
  return { rank, w };
}
