/**
 * A synthetic E2 node for the RIC benchmarks: offers KPM v3 and RC, admits every subscription, and
 * then sends what the bench asks at the rate it asks: KPM UE reports (format 3, many UEs per
 * indication) and RC handover inserts (one UE each), answering each control with an acknowledge and
 * timing it from the insert it answers. Payloads are encoded ahead, so the node costs little.
 */
import {
  decodeSm,
  E2apCodec,
  type E2Message,
  e2setupRequest,
  encodeSm,
  gnbNodeId,
  ricControlAcknowledge,
  ricIndication,
  ricSubscriptionResponse,
} from "../e2sm/index.js";
import type { E2Link } from "../ric/transports/link.js";
import { RC_OID } from "../sim/agent/rc.js";

const KPM_OID = "1.3.6.1.4.1.53148.1.3.2.2";
const MAX_CALL_PROCESS = 4097;

const ueId = (u: number) => ({
  "gNB-UEID": {
    "amf-UE-NGAP-ID": u,
    guami: {
      pLMNIdentity: Uint8Array.of(0x00, 0xf1, 0x10),
      aMFRegionID: { bits: Uint8Array.of(1), length: 8 },
      aMFSetID: { bits: Uint8Array.of(0, 0x40), length: 10 },
      aMFPointer: { bits: Uint8Array.of(0), length: 6 },
    },
  },
});

export class LoadNode {
  private readonly codec = new E2apCodec({ version: 3 });
  private link!: E2Link;
  private kpmRequest?: { requestor: number; instance: number };
  private rcRequest?: { requestor: number; instance: number };
  private ueReports: Uint8Array[] = [];
  private inserts: Uint8Array[] = [];
  private nextInsert = 0;
  private readonly sentAt = new Float64Array(MAX_CALL_PROCESS);
  /** Insert-to-control latencies (ms) since the last reset. */
  latencies: number[] = [];
  controls = 0;

  constructor(
    private readonly ues: number,
    private readonly uesPerReport: number,
  ) {}

  /** Sets up over `link`; resolves once both subscriptions (KPM and RC insert) came. */
  start(link: E2Link): Promise<void> {
    this.link = link;
    return new Promise((ready) => {
      link.listen({
        message: (bytes) => {
          const msg = this.codec.decode(bytes);
          this.receive(msg);
          if (this.kpmRequest && this.rcRequest && this.ueReports.length === 0) {
            this.prepare();
            ready();
          }
        },
        closed: () => {},
      });
      link.send(
        this.codec.encode(
          e2setupRequest({
            nodeId: gnbNodeId({ plmn: "00f110", gnbId: 77 }),
            ranFunctions: [
              { id: 1, oid: KPM_OID, definition: new Uint8Array(0) },
              { id: 2, oid: RC_OID, definition: new Uint8Array(0) },
            ],
          }),
        ),
      );
    });
  }

  /** One KPM indication carrying `uesPerReport` UE reports. */
  sendUeReport(): void {
    this.link.send(this.ueReports[this.nextInsert++ % this.ueReports.length]);
  }

  /** One handover insert; its control's latency is recorded when the control comes. */
  sendInsert(): void {
    const i = this.nextInsert++ % this.inserts.length;
    this.sentAt[i + 1] = performance.now();
    this.link.send(this.inserts[i]);
  }

  private receive(msg: E2Message): void {
    if (msg.procedure === "RICsubscription" && msg.kind === "initiatingMessage") {
      const requestId = {
        requestor: msg.ies.RICrequestID.ricRequestorID,
        instance: msg.ies.RICrequestID.ricInstanceID,
      };
      if (msg.ies.RANfunctionID === 1) this.kpmRequest = requestId;
      else this.rcRequest = requestId;
      this.link.send(
        this.codec.encode(ricSubscriptionResponse({ requestId, ranFunctionId: msg.ies.RANfunctionID, admitted: [1] })),
      );
    } else if (msg.procedure === "RICcontrol" && msg.kind === "initiatingMessage") {
      const at = msg.ies.RICcallProcessID ? this.sentAt[callProcessOf(msg.ies.RICcallProcessID)] : 0;
      if (at > 0) this.latencies.push(performance.now() - at);
      this.controls++;
      this.link.send(
        this.codec.encode(
          ricControlAcknowledge({
            requestId: { requestor: msg.ies.RICrequestID.ricRequestorID, instance: msg.ies.RICrequestID.ricInstanceID },
            ranFunctionId: msg.ies.RANfunctionID,
            callProcessId: msg.ies.RICcallProcessID,
          }),
        ),
      );
    }
  }

  /** Encodes the pools: 16 KPM reports over the UEs, and one insert per UE (up to 4096). */
  private prepare(): void {
    const kpm = this.kpmRequest!;
    for (let r = 0; r < 16; r++) {
      const reports = [];
      for (let k = 0; k < this.uesPerReport; k++) {
        const u = (r * this.uesPerReport + k) % this.ues;
        reports.push({
          ueID: ueId(u),
          measReport: {
            measData: [{ measRecord: [{ real: -70 - ((u * 7) % 40) }, { real: 5 + ((u * 3) % 20) }] }],
            measInfoList: ["RSRP", "SINR"].map((n) => ({
              measType: { measName: n },
              labelInfoList: [{ measLabel: { noLabel: "true" } }],
            })),
            granulPeriod: 1000,
          },
        });
      }
      this.ueReports.push(
        this.codec.encode(
          ricIndication({
            requestId: kpm,
            ranFunctionId: 1,
            actionId: 1,
            header: encodeSm("kpm-v3", "E2SM-KPM-IndicationHeader", {
              "indicationHeader-formats": {
                "indicationHeader-Format1": { colletStartTime: new Uint8Array(8) },
              },
            }),
            message: encodeSm("kpm-v3", "E2SM-KPM-IndicationMessage", {
              "indicationMessage-formats": { "indicationMessage-Format3": { ueMeasReportList: reports } },
            }),
          }),
        ),
      );
    }
    const rc = this.rcRequest!;
    const target = encodeSm("rc", "NR-CGI", {
      pLMNIdentity: Uint8Array.of(0x00, 0xf1, 0x10),
      nRCellIdentity: { bits: Uint8Array.of(0, 0, 0x4d, 0, 0x10), length: 36 },
    });
    const structure = (id: number, items: unknown[]) => ({
      "ranParameter-ID": id,
      "ranParameter-valueType": {
        "ranP-Choice-Structure": { "ranParameter-Structure": { "sequence-of-ranParameters": items } },
      },
    });
    const n = Math.min(this.ues, 4096);
    for (let u = 0; u < n; u++) {
      this.inserts.push(
        this.codec.encode(
          ricIndication({
            requestId: rc,
            ranFunctionId: 2,
            actionId: 1,
            type: "insert",
            header: encodeSm("rc", "E2SM-RC-IndicationHeader", {
              "ric-indicationHeader-formats": {
                "indicationHeader-Format2": { ueID: ueId(u), "ric-InsertStyle-Type": 3, "ric-InsertIndication-ID": 1 },
              },
            }),
            message: encodeSm("rc", "E2SM-RC-IndicationMessage", {
              "ric-indicationMessage-formats": {
                "indicationMessage-Format5": {
                  "ranP-Requested-List": [
                    structure(1, [
                      structure(2, [
                        structure(3, [
                          {
                            "ranParameter-ID": 4,
                            "ranParameter-valueType": {
                              "ranP-Choice-ElementFalse": { "ranParameter-value": { valueOctS: target } },
                            },
                          },
                        ]),
                      ]),
                    ]),
                  ],
                },
              },
            }),
            callProcessId: callProcessId(u + 1),
          }),
        ),
      );
    }
  }
}

const callProcessId = (id: number) =>
  encodeSm("rc", "E2SM-RC-CallProcessID", {
    "ric-callProcessID-formats": { "callProcessID-Format1": { "ric-callProcess-ID": id } },
  });

const callProcessOf = (bytes: Uint8Array): number =>
  decodeSm("rc", "E2SM-RC-CallProcessID", bytes)["ric-callProcessID-formats"]["callProcessID-Format1"][
    "ric-callProcess-ID"
  ];
