/**
 * The simulated gNBs' E2 agents in a full session with a RIC double: setup, subscriptions of every
 * KPM/BM/RC style, indications checked field by field against the network's own counters, controls
 * that change the world (or fail with the right cause), delete, reset, errors. The transcripts of
 * both E2AP versions go through the independent oracles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bitString,
  decode,
  decodeSm,
  type E2apVersion,
  encodeSm,
  rcV1,
  ricControlRequest,
  typeOf,
} from "../../../e2sm/index.js";
import { type E2Link, LinkClosedError, type LinkListener } from "../../../ric/transports/link.js";
import { E2Nodes } from "../../../sim/agent/e2-nodes.js";
import { type CountersSnapshot, countersBetween } from "../../../sim/ran/counters.js";
import { Network, Rrc } from "../../../sim/ran/network.js";
import { checkTranscript, type OracleSet } from "../../support/e2-transcript.js";
import { startOracle, startTwinricModelsOracle } from "../../support/oracle.js";
import {
  bmAction,
  bmSubscription,
  csiSubscription,
  decodeIndication,
  EPOCH_S,
  kpmAction,
  kpmSubscription,
  type Rig,
  rcInsertSubscription,
  rcUeInfoSubscription,
  rig,
  testCond,
  twoSites,
  ueIdOf,
} from "./harness.js";

let oracles: OracleSet | undefined;
let skip = "";

beforeAll(async () => {
  await twoSites();
  const [shared, ours] = await Promise.all([startOracle(), startTwinricModelsOracle()]);
  if ("skip" in shared || "skip" in ours) {
    skip = "skip" in shared ? shared.skip : (ours as { skip: string }).skip;
    console.warn(`oracle checks skipped: ${skip}`);
    return;
  }
  oracles = { shared, ours };
}, 600_000);

afterAll(async () => {
  await oracles?.shared.close();
  await oracles?.ours.close();
});

const indications = (r: Rig, node: number, instance: number) =>
  r.rics[node].of("RICindication").filter((x) => x.msg.ies.RICrequestID.ricInstanceID === instance);

const ntpSeconds = (ts: Uint8Array) => new DataView(ts.buffer, ts.byteOffset).getUint32(0) - 2_208_988_800;

/** A connected UE of node `node` (its first cell), or -1. */
function connectedUeOf(r: Rig, node: number): number {
  const cells = r.e2.nodes[node].config.cells;
  for (let u = 0; u < r.net.ueCount; u++)
    if (r.net.rrc[u] === Rrc.Connected && cells.includes(r.net.serving[u])) return u;
  return -1;
}

function rcControl(
  r: Rig,
  ue: number,
  targetCell: number | null,
  extra: { callProcessId?: Uint8Array; decision?: "accept" | "reject" } = {},
) {
  const ueID = ueIdOf(ue);
  const nrCgi = (cell: number) =>
    encodeSm("rc", "NR-CGI", {
      pLMNIdentity: Uint8Array.of(0x00, 0xf1, 0x10),
      nRCellIdentity: bitString(r.net.scenario.cells[cell].nci, 36),
    });
  const structure = (id: number, items: unknown[]) => ({
    "ranParameter-ID": id,
    "ranParameter-valueType": {
      "ranP-Choice-Structure": { "ranParameter-Structure": { "sequence-of-ranParameters": items } },
    },
  });
  const ranP =
    targetCell === null
      ? []
      : [
          structure(1, [
            structure(2, [
              structure(3, [
                {
                  "ranParameter-ID": 4,
                  "ranParameter-valueType": {
                    "ranP-Choice-ElementFalse": { "ranParameter-value": { valueOctS: nrCgi(targetCell) } },
                  },
                },
              ]),
            ]),
          ]),
        ];
  return ricControlRequest({
    requestId: { requestor: 7, instance: 50 },
    ranFunctionId: 2,
    callProcessId: extra.callProcessId,
    header: encodeSm("rc", "E2SM-RC-ControlHeader", {
      "ric-controlHeader-formats": {
        "controlHeader-Format1": {
          ueID,
          "ric-Style-Type": 3,
          "ric-ControlAction-ID": 1,
          "ric-ControlDecision": extra.decision,
        },
      },
    }),
    message: encodeSm("rc", "E2SM-RC-ControlMessage", {
      "ric-controlMessage-formats": { "controlMessage-Format1": { "ranP-List": ranP } },
    }),
    ackRequest: "ack",
  });
}

const bmControl = (ue: number, beam: number) =>
  ricControlRequest({
    requestId: { requestor: 7, instance: 60 },
    ranFunctionId: 3,
    header: encodeSm("bm", "E2SM-BM-ControlHeader", { ueId: ue, "ric-Style-Type": 1 }),
    message: encodeSm("bm", "E2SM-BM-ControlMessage", {
      "controlMessage-formats": { "controlMessage-Format1": { targetBeam: beam } },
    }),
  });

describe.each([3, 2] as E2apVersion[])("E2AP v%i", (version) => {
  const kpm = version === 3 ? "kpm-v3" : "kpm-v2";

  it("sets up each gNB with its id and its KPM, RC, BM and CSI RAN functions", async () => {
    const r = await rig(version, { kpmVersion: version });
    const { scenario, world } = await twoSites();
    for (const [i, ric] of r.rics.entries()) {
      const setup = ric.of("E2setup")[0].msg;
      expect(setup.ies.GlobalE2node_ID.gNB["global-gNB-ID"]["gnb-id"]["gnb-ID"]).toEqual(bitString(i + 1, 22));
      const functions = setup.ies.RANfunctionsAdded;
      expect(functions.map((f: any) => [f.ranFunctionID, f.ranFunctionOID])).toEqual([
        [1, version === 3 ? "1.3.6.1.4.1.53148.1.3.2.2" : "1.3.6.1.4.1.53148.1.2.2.2"],
        [2, "1.3.6.1.4.1.53148.1.1.2.3"],
        [3, "2.25.318430592061587572342788504911506613705.1.1.1"],
        [4, "2.25.318430592061587572342788504911506613705.1.2.1"],
      ]);
      const kpmDef = decodeSm(kpm, "E2SM-KPM-RANfunction-Description", functions[0].ranFunctionDefinition);
      expect(
        kpmDef["ric-ReportStyle-List"].map((s: any) => [
          s["ric-ReportStyle-Type"],
          s["ric-ActionFormat-Type"],
          s["ric-IndicationMessageFormat-Type"],
        ]),
      ).toEqual([
        [1, 1, 1],
        [2, 2, 1],
        [3, 3, 2],
        [4, 4, 3],
        [5, 5, 3],
      ]);
      const bmDef = decodeSm("bm", "E2SM-BM-RANFunctionDefinition", functions[2].ranFunctionDefinition);
      const cells = r.e2.nodes[i].config.cells;
      expect(bmDef.cells.map((c: any) => c.ssbBeams.length)).toEqual(cells.map((c) => world.field.beamCount[c]));
      expect(bmDef.cells[0].cellGlobalID.nRCellIdentity).toEqual(bitString(scenario.cells[cells[0]].nci, 36));
      const rcDef = decodeSm("rc", "E2SM-RC-RANFunctionDefinition", functions[1].ranFunctionDefinition);
      expect(rcDef["ranFunctionDefinition-Insert"]["ric-InsertStyle-List"][0]["ric-InsertStyle-Type"]).toBe(3);
      expect(rcDef["ranFunctionDefinition-Control"]["ric-ControlStyle-List"][0]["ric-ControlStyle-Type"]).toBe(3);
      expect(r.e2.nodes[i].agent.ready).toBe(true);
    }
  });

  it("reports KPM format 1 per granularity period, equal to the cells' counters over each period", async () => {
    const r = await rig(version, { kpmVersion: version });
    const names = ["RRC.ConnMean", "DRB.RlcSduTransmittedVolumeDL", "RRU.PrbUsedDl", "RRU.PrbAvailDl"];
    r.rics[0].send(kpmSubscription(1, 1000, kpmAction.format1(names, 500), kpm));
    await r.settle();
    expect(r.rics[0].of("RICsubscription", "successfulOutcome")).toHaveLength(1);
    const snaps: CountersSnapshot[] = [r.net.counters.snapshot()];
    for (let i = 0; i < 100; i++) {
      await r.steps(1);
      if ((i + 1) % 25 === 0) snaps.push(r.net.counters.snapshot());
    }
    const inds = indications(r, 0, 1);
    expect(inds).toHaveLength(2);
    const cells = r.e2.nodes[0].config.cells;
    const sum = (a: Float64Array) => cells.reduce((s, c) => s + a[c], 0);
    inds.forEach((ind, k) => {
      const { header, message } = decodeIndication(kpm, ind.msg);
      const start = ntpSeconds(header["indicationHeader-formats"]["indicationHeader-Format1"].colletStartTime);
      expect(start).toBe(EPOCH_S + k);
      const f1 = message["indicationMessage-formats"]["indicationMessage-Format1"];
      expect(f1.granulPeriod).toBe(500);
      expect(f1.measData).toHaveLength(2);
      f1.measData.forEach((item: any, g: number) => {
        const d = countersBetween(snaps[2 * k + g], snaps[2 * k + g + 1]);
        const seconds = sum(d.seconds);
        expect(item.measRecord[0].real).toBeCloseTo(sum(d.connectedUeSeconds) / seconds, 9);
        expect(item.measRecord[1].integer).toBe(Math.round(sum(d.dlBits) / 1000));
        expect(item.measRecord[2].integer).toBe(Math.round(sum(d.prbSeconds) / seconds));
        expect(item.measRecord[3].integer).toBe(r.net.scenario.carrier.prbs);
      });
    });
    expect(inds.map((x) => x.msg.ies.RICindicationSN)).toEqual([0, 1]);
  });

  it("reports KPM per UE: one UE (format 2), UEs under conditions (format 2 message), common conditions and lists (format 3)", async () => {
    const r = await rig(version, { kpmVersion: version });
    await r.steps(50); // let UEs connect
    const u = connectedUeOf(r, 0);
    expect(u).toBeGreaterThanOrEqual(0);
    const ueId = ueIdOf(u);
    const names = ["DRB.RlcSduTransmittedVolumeDL", "RSRP"];
    r.rics[0].send(kpmSubscription(2, 1000, kpmAction.format2(ueId, names, 1000), kpm));
    r.rics[0].send(
      kpmSubscription(
        3,
        1000,
        kpmAction.format3("DRB.RlcSduTransmittedVolumeDL", testCond("rSRP", "greaterthan", -200), 1000),
        kpm,
      ),
    );
    r.rics[0].send(kpmSubscription(4, 1000, kpmAction.format4(testCond("cQI", "greaterthan", 0), names, 1000), kpm));
    r.rics[0].send(kpmSubscription(5, 1000, kpmAction.format5([ueId, ueIdOf(r.net.ueCount - 1)], names, 1000), kpm));
    await r.settle();
    expect(r.rics[0].of("RICsubscription", "successfulOutcome")).toHaveLength(4);
    const before = r.net.ueCounters.snapshot();
    await r.steps(50);
    const after = r.net.ueCounters.snapshot();

    const [single] = indications(r, 0, 2).map((x) => decodeIndication(kpm, x.msg).message);
    const f1 = single["indicationMessage-formats"]["indicationMessage-Format1"];
    const served = r.e2.nodes[0].config.cells.includes(r.net.serving[u]);
    if (served) {
      expect(f1.measData[0].measRecord[0].integer).toBe(Math.round((after.dlBits[u] - before.dlBits[u]) / 1000));
      const rsrp = (after.rsrpSum[u] - before.rsrpSum[u]) / (after.servedSamples[u] - before.servedSamples[u]);
      if (Number.isFinite(rsrp)) expect(f1.measData[0].measRecord[1].real).toBeCloseTo(rsrp, 9);
    } else expect(f1.measData[0].incompleteFlag).toBe("true");

    const [cond] = indications(r, 0, 3).map((x) => decodeIndication(kpm, x.msg).message);
    const f2 = cond["indicationMessage-formats"]["indicationMessage-Format2"];
    const listed = (f2.measCondUEidList[0].matchingUEidList ?? []).map(
      (m: any) => m.ueID["gNB-UEID"]["amf-UE-NGAP-ID"],
    );
    const servedNow = [...Array(r.net.ueCount).keys()].filter(
      (v) =>
        r.e2.nodes[0].config.cells.includes(r.net.serving[v]) && r.net.rrc[v] !== Rrc.Idle && r.net.rsrpDbm[v] > -200,
    );
    expect(listed).toEqual(servedNow);
    expect(f2.measData[0].measRecord[0].integer).toBe(
      Math.round(listed.reduce((s: number, v: number) => s + after.dlBits[v] - before.dlBits[v], 0) / 1000),
    );

    const [common] = indications(r, 0, 4).map((x) => decodeIndication(kpm, x.msg).message);
    const f3 = common["indicationMessage-formats"]["indicationMessage-Format3"];
    for (const rep of f3.ueMeasReportList) {
      const v = rep.ueID["gNB-UEID"]["amf-UE-NGAP-ID"];
      expect(r.net.cqi[v]).toBeGreaterThan(0);
      expect(rep.measReport.measData[0].measRecord[0].integer).toBe(
        Math.round((after.dlBits[v] - before.dlBits[v]) / 1000),
      );
    }
    for (const x of indications(r, 0, 5)) {
      const ids = decodeIndication(kpm, x.msg).message["indicationMessage-formats"][
        "indicationMessage-Format3"
      ].ueMeasReportList.map((m: any) => m.ueID["gNB-UEID"]["amf-UE-NGAP-ID"]);
      for (const id of ids) expect([u, r.net.ueCount - 1]).toContain(id);
    }
  });

  it("refuses what it does not offer, with the cause", async () => {
    const r = await rig(version, { kpmVersion: version });
    // style 1 with format 2, an unknown measurement, a granularity above the period, an unknown RAN function
    r.rics[0].send(kpmSubscription(10, 1000, kpmAction.format1(["No.Such"], 100), kpm));
    r.rics[0].send(kpmSubscription(11, 1000, kpmAction.format1(["RRC.ConnMean"], 2000), kpm));
    const badFunction = kpmSubscription(12, 1000, kpmAction.format1(["RRC.ConnMean"], 100), kpm);
    badFunction.ies.RANfunctionID = 9;
    r.rics[0].send(badFunction);
    await r.settle();
    const failures = r.rics[0]
      .of("RICsubscription", "unsuccessfulOutcome")
      .map((x) => [x.msg.ies.RICrequestID.ricInstanceID, x.msg.ies.Cause]);
    expect(failures).toEqual([
      [10, { ricRequest: "action-not-supported" }],
      [11, { ricRequest: "action-not-supported" }],
      [12, { ricRequest: "ran-function-id-invalid" }],
    ]);
    // the same request id twice
    const ok = kpmSubscription(13, 1000, kpmAction.format1(["RRC.ConnMean"], 100), kpm);
    r.rics[0].send(ok);
    r.rics[0].send(ok);
    await r.settle();
    expect(r.rics[0].of("RICsubscription", "unsuccessfulOutcome").at(-1)!.msg.ies.Cause).toEqual(
      version === 3 ? { ricRequest: "duplicate-ric-request-id" } : { ricRequest: "unspecified" },
    );
  });

  it("reports beams and positions (E2SM-BM) and switches a UE's beam on control", async () => {
    const r = await rig(version);
    await r.steps(50);
    r.rics[0].send(bmSubscription(20, 100, bmAction.beams(2)));
    r.rics[0].send(bmSubscription(21, 200, bmAction.positions()));
    await r.settle();
    await r.steps(10);
    const beams = indications(r, 0, 20).map(
      (x) => decodeIndication("bm", x.msg).message["indicationMessage-formats"]["indicationMessage-Format1"],
    );
    expect(beams).toHaveLength(2);
    const cells = r.e2.nodes[0].config.cells;
    for (const rep of beams.at(-1)!.ueReports) {
      expect(r.net.rrc[rep.ueId]).toBe(Rrc.Connected);
      expect(cells.map((c) => r.e2.nodes[0].agent.ctx.cgi(c).nRCellIdentity)).toContainEqual(
        rep.servingCell.nRCellIdentity,
      );
      expect(rep.beams.length).toBeGreaterThanOrEqual(1);
      expect(rep.beams.length).toBeLessThanOrEqual(2);
      expect(rep.beams[0].rsrp).toBeGreaterThanOrEqual(rep.beams.at(-1).rsrp);
      for (const b of rep.beams) expect(b.rsrp).toBeGreaterThanOrEqual(-1560);
    }
    const positions = indications(r, 0, 21).map(
      (x) => decodeIndication("bm", x.msg).message["indicationMessage-formats"]["indicationMessage-Format2"],
    );
    expect(positions).toHaveLength(1);
    const sigma = r.net.scenario.reality.positionErrorM;
    for (const p of positions[0].uePositions) {
      expect(p.accuracy).toBe(Math.round(sigma * 100));
      expect(
        Math.hypot(p.position.x / 100 - r.net.mobility.x[p.ueId], p.position.y / 100 - r.net.mobility.y[p.ueId]),
      ).toBeLessThan(6 * sigma + 0.1);
    }

    const u = beams.at(-1)!.ueReports[0].ueId;
    const other = (r.net.servingBeam[u] + 1) % r.e2.net.field.beamCount[r.net.serving[u]];
    r.rics[0].send(bmControl(u, other));
    r.rics[0].send(bmControl(u, 63));
    r.rics[0].send(bmControl(r.net.ueCount + 5, 0));
    await r.settle();
    expect(r.net.servingBeam[u]).toBe(other);
    // the RIC's beam holds (1 s by default) against the gNB's own beam management
    const cell = r.net.serving[u];
    await r.steps(40);
    if (r.net.serving[u] === cell && r.net.rrc[u] === Rrc.Connected) expect(r.net.servingBeam[u]).toBe(other);
    const ack = r.rics[0].of("RICcontrol", "successfulOutcome")[0].msg;
    expect(decodeSm("bm", "E2SM-BM-ControlOutcome", ack.ies.RICcontrolOutcome).servingBeam).toBe(other);
    expect(r.rics[0].of("RICcontrol", "unsuccessfulOutcome").map((x) => x.msg.ies.Cause)).toEqual([
      { ricRequest: "control-message-invalid" },
      { ricRequest: "control-message-invalid" },
    ]);
  });

  it("hands a UE over on RC control, and fails controls it cannot apply with the cause", async () => {
    const r = await rig(version);
    await r.steps(50);
    const u = connectedUeOf(r, 0);
    const source = r.net.serving[u];
    const target = r.net.scenario.cells[source].neighbours[0];
    const attempts = r.net.counters.of("handoverAttempts")[source];
    r.rics[0].send(rcControl(r, u, target));
    r.rics[0].send(rcControl(r, u, source)); // already there: cannot
    const garbage = rcControl(r, u, target);
    garbage.ies.RICcontrolMessage = Uint8Array.of(0xff, 0xff, 0xff);
    r.rics[0].send(garbage);
    await r.settle();
    const acks = r.rics[0].of("RICcontrol", "successfulOutcome");
    expect(acks).toHaveLength(1);
    const outcome = decodeSm("rc", "E2SM-RC-ControlOutcome", acks[0].msg.ies.RICcontrolOutcome);
    const cgiBytes =
      outcome["ric-controlOutcome-formats"]["controlOutcome-Format1"]["ranP-List"][0]["ranParameter-value"].valueOctS;
    expect((decode(typeOf(rcV1, "NR-CGI"), cgiBytes) as any).nRCellIdentity).toEqual(
      bitString(r.net.scenario.cells[target].nci, 36),
    );
    expect(r.rics[0].of("RICcontrol", "unsuccessfulOutcome").map((x) => x.msg.ies.Cause)).toEqual([
      { ricRequest: "control-failed-to-execute" },
      { ricRequest: "control-message-invalid" },
    ]);
    await r.steps(5); // preparation is 40 ms
    expect(r.net.counters.of("handoverAttempts")[source]).toBe(attempts + 1);
    const failed = r.net.counters.of("handoverFailures")[source] > 0;
    if (!failed) expect(r.net.serving[u]).toBe(target);
  });

  it("asks the RIC before an A3 handover (RC insert): a reject keeps the UE, silence falls back to the gNB", async () => {
    const r = await rig(version);
    for (const ric of r.rics) ric.send(rcInsertSubscription(30));
    await r.settle();
    const inserts = () => r.rics.flatMap((ric, node) => ric.of("RICindication").map((x) => ({ node, x })));
    // walk until the first insert (the walker crosses between the sites)
    for (let i = 0; i < 1000 && inserts().length === 0; i++) await r.steps(1);
    const first = inserts()[0];
    expect(first).toBeDefined();
    expect(first.x.msg.ies.RICindicationType).toBe("insert");
    const { header, message } = decodeIndication("rc", first.x.msg);
    const h = header["ric-indicationHeader-formats"]["indicationHeader-Format2"];
    expect([h["ric-InsertStyle-Type"], h["ric-InsertIndication-ID"]]).toEqual([3, 1]);
    const ue = h.ueID["gNB-UEID"]["amf-UE-NGAP-ID"];
    const source = r.net.serving[ue];
    const nrCell = message["ric-indicationMessage-formats"]["indicationMessage-Format5"]["ranP-Requested-List"][0];
    expect(nrCell["ranParameter-ID"]).toBe(1);
    expect(r.e2.waitingForRic).toBe(true);
    // the RIC says no
    r.rics[first.node].send(
      rcControl(r, ue, null, { callProcessId: first.x.msg.ies.RICcallProcessID, decision: "reject" }),
    );
    await r.settle();
    expect(r.rics[first.node].of("RICcontrol", "successfulOutcome")).toHaveLength(1);
    expect(r.e2.waitingForRic).toBe(false);
    // the UE stays, and A3 keeps quiet for the report interval before the UE reports again
    const attempts = r.net.counters.of("handoverAttempts")[source];
    const quietS = r.net.scenario.cells[source].a3.reportIntervalMs / 1000;
    const asked = inserts().length;
    await r.steps(Math.floor(quietS / r.net.dtS) - 1);
    expect(r.net.serving[ue]).toBe(source);
    expect(r.net.counters.of("handoverAttempts")[source]).toBe(attempts);
    expect(inserts()).toHaveLength(asked);
    // the next request goes unanswered: the gNB hands over by itself after the deadline
    const seen = inserts().length;
    for (let i = 0; i < 500 && inserts().length === seen; i++) await r.steps(1);
    expect(inserts().length).toBeGreaterThan(seen);
    const total = () => r.net.counters.of("handoverAttempts").reduce((a, b) => a + b, 0);
    const before = total();
    await r.steps(Math.ceil((r.net.ricDeadlineS + 0.1) / r.net.dtS));
    expect(total()).toBeGreaterThan(before);
    // a call process id that is over
    r.rics[first.node].send(
      rcControl(r, ue, null, { callProcessId: first.x.msg.ies.RICcallProcessID, decision: "reject" }),
    );
    await r.settle();
    expect(r.rics[first.node].of("RICcontrol", "unsuccessfulOutcome").at(-1)!.msg.ies.Cause).toEqual({
      ricRequest: "ric-call-process-id-invalid",
    });
  });

  it("reports RRC state changes of its UEs (RC report style 4, UE information)", async () => {
    const r = await rig(version);
    r.rics[0].send(rcUeInfoSubscription(91, ["rrc-connected"]));
    r.rics[0].send(rcUeInfoSubscription(92, ["rrc-idle"]));
    r.rics[0].send(rcUeInfoSubscription(93, ["any"], 17)); // a parameter it does not report
    await r.settle();
    expect(
      r.rics[0].of("RICsubscription", "unsuccessfulOutcome").map((x) => x.msg.ies.RICrequestID.ricInstanceID),
    ).toEqual([93]);
    const before = Uint8Array.from(r.net.rrc);
    await r.steps(25);
    const reported = indications(r, 0, 91).flatMap((x) => {
      const { header, message } = decodeIndication("rc", x.msg);
      expect(header["ric-indicationHeader-formats"]["indicationHeader-Format1"]["ric-eventTriggerCondition-ID"]).toBe(
        91,
      );
      return message["ric-indicationMessage-formats"]["indicationMessage-Format2"]["ueParameter-List"].map((p: any) => {
        expect(p["ranP-List"]).toEqual([
          {
            "ranParameter-ID": 202,
            "ranParameter-valueType": { "ranP-Choice-ElementFalse": { "ranParameter-value": { valueInt: 0 } } },
          },
        ]);
        return p.ueID["gNB-UEID"]["amf-UE-NGAP-ID"];
      });
    });
    // the UEs that set up a connection on the west gNB since the subscription
    const expected = [...Array(r.net.ueCount).keys()].filter(
      (u) =>
        before[u] === Rrc.Idle && r.net.rrc[u] !== Rrc.Idle && r.e2.nodes[0].config.cells.includes(r.net.serving[u]),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(reported.sort((a, b) => a - b)).toEqual(expected);
    expect(indications(r, 0, 92)).toEqual([]); // nobody went idle yet
  });

  it("deletes subscriptions, answers Reset and Service Query, and reports undecodable bytes", async () => {
    const r = await rig(version, { kpmVersion: version });
    const ric = r.rics[0];
    ric.send(kpmSubscription(40, 100, kpmAction.format1(["RRC.ConnMean"], 100), kpm));
    ric.send(bmSubscription(41, 100, bmAction.beams(1)));
    await r.settle();
    await r.steps(10);
    const del = {
      procedure: "RICsubscriptionDelete",
      kind: "initiatingMessage" as const,
      ies: { RICrequestID: { ricRequestorID: 7, ricInstanceID: 40 }, RANfunctionID: 1 },
    };
    ric.send(del);
    ric.send(del);
    await r.settle();
    expect(ric.of("RICsubscriptionDelete", "successfulOutcome")).toHaveLength(1);
    expect(ric.of("RICsubscriptionDelete", "unsuccessfulOutcome")[0].msg.ies.Cause).toEqual({
      ricRequest: "request-id-unknown",
    });
    const count = indications(r, 0, 40).length;
    await r.steps(10);
    expect(indications(r, 0, 40)).toHaveLength(count);
    expect(r.e2.nodes[0].agent.subscriptionCount).toBe(1);

    ric.send({
      procedure: "Reset",
      kind: "initiatingMessage",
      ies: { TransactionID: 9, Cause: { misc: "om-intervention" } },
    });
    await r.settle();
    expect(ric.of("Reset", "successfulOutcome")[0].msg.ies.TransactionID).toBe(9);
    expect(r.e2.nodes[0].agent.subscriptionCount).toBe(0);

    ric.send({
      procedure: "RICserviceQuery",
      kind: "initiatingMessage",
      ies: {
        TransactionID: 10,
        RANfunctionsAccepted: [
          { ranFunctionID: 1, ranFunctionRevision: 1 },
          { ranFunctionID: 8, ranFunctionRevision: 1 },
        ],
      },
    });
    await r.settle();
    const update = ric.of("RICserviceUpdate")[0].msg;
    expect(update.ies.RANfunctionsAdded.map((f: any) => f.ranFunctionID)).toEqual([2, 3, 4]);
    expect(update.ies.RANfunctionsDeleted).toEqual([{ ranFunctionID: 8, ranFunctionRevision: 1 }]);

    ric.sendBytes(Uint8Array.of(0x00, 0x01, 0x02));
    await r.settle();
    expect(ric.of("ErrorIndication")[0].msg.ies.Cause).toEqual({ protocol: "transfer-syntax-error" });
    expect(r.e2.nodes[0].agent.stats.errorIndicationsOut).toBe(1);
  });

  it("reports Type I CSI from the true channel, and a precoder control changes the UE's link", async () => {
    const r = await rig(version);
    await r.steps(50);
    r.rics[0].send(csiSubscription(80, 100));
    await r.settle();
    await r.steps(5);
    const reports = indications(r, 0, 80).map((x) =>
      decodeSm("csi", "E2SM-CSI-IndicationMessage", x.msg.ies.RICindicationMessage),
    );
    expect(reports).toHaveLength(1);
    const cells = r.e2.nodes[0].config.cells;
    const list = reports[0]["indicationMessage-formats"]["indicationMessage-Format1"].ueReports;
    expect(list.length).toBeGreaterThan(0);
    const def = decodeSm(
      "csi",
      "E2SM-CSI-RANFunctionDefinition",
      r.rics[0].of("E2setup")[0].msg.ies.RANfunctionsAdded[3].ranFunctionDefinition,
    );
    const { n1, o1 } = def.cells[0];
    for (const rep of list) {
      expect(cells).toContain(r.net.serving[rep.ueId]);
      expect([1, 2]).toContain(rep.ri);
      expect(rep.pmi.i11).toBeLessThan(n1 * o1);
      expect(rep.cqi).toBeGreaterThanOrEqual(0);
      expect(rep.cqi).toBeLessThanOrEqual(15);
      if (rep.ri === 2) expect(rep.pmi.i13).toBeDefined();
    }
    // the gNB adapts the link to the CSI: the UE's CQI is the reported one
    await r.steps(1);
    const u = list[0].ueId;
    expect(r.net.cqi[u]).toBe(list[0].cqi);

    // the RIC turns the UE's beam away from it: the SINR drops and the link follows
    const away = { ...list[0].pmi, i11: (list[0].pmi.i11 + (n1 * o1) / 2) % (n1 * o1) };
    const control = (pmi: unknown, ri: number) =>
      ricControlRequest({
        requestId: { requestor: 7, instance: 81 },
        ranFunctionId: 4,
        header: encodeSm("csi", "E2SM-CSI-ControlHeader", { ueId: u, "ric-Style-Type": 1 }),
        message: encodeSm("csi", "E2SM-CSI-ControlMessage", {
          "controlMessage-formats": { "controlMessage-Format1": { precoder: { typeI: { ri, pmi } }, validity: 500 } },
        }),
      });
    r.rics[0].send(control(list[0].pmi, list[0].ri));
    r.rics[0].send(control(away, list[0].ri));
    r.rics[0].send(control({ ...list[0].pmi, i11: n1 * o1 + 3 }, 1)); // outside the codebook
    await r.settle();
    const acks = r.rics[0]
      .of("RICcontrol", "successfulOutcome")
      .map((x) => decodeSm("csi", "E2SM-CSI-ControlOutcome", x.msg.ies.RICcontrolOutcome));
    expect(acks).toHaveLength(2);
    expect(acks[1].sinr).toBeLessThan(acks[0].sinr - 30); // 3 dB at least
    expect(r.rics[0].of("RICcontrol", "unsuccessfulOutcome")[0].msg.ies.Cause).toEqual({
      ricRequest: "control-message-invalid",
    });
    await r.steps(1);
    if (r.net.rrc[u] === Rrc.Connected && r.net.serving[u] === cells[0]) expect(r.net.cqi[u]).toBeLessThan(list[0].cqi);
  });

  it("tells the RIC when a cell goes off and comes back (RIC Service Update), and refuses a function it withdrew", async () => {
    const { scenario } = await twoSites();
    const r = await rig(version, {
      scenario: {
        ...scenario,
        events: [
          { atS: 0.5, cell: 0, on: false },
          { atS: 1, cell: 0, on: true },
        ],
      },
    });
    await r.steps(30); // to 0.6 s: west-1, the west gNB's only cell, is off
    const [off] = r.rics[0].of("RICserviceUpdate");
    expect(off.msg.ies.RANfunctionsDeleted).toEqual([
      { ranFunctionID: 3, ranFunctionRevision: 1 },
      { ranFunctionID: 4, ranFunctionRevision: 1 },
    ]);
    expect(off.msg.ies.RANfunctionsAdded).toBeUndefined();
    expect(r.rics[1].of("RICserviceUpdate")).toEqual([]); // the east gNB is untouched
    r.rics[0].send(bmSubscription(70, 100, bmAction.beams(1)));
    await r.settle();
    expect(r.rics[0].of("RICsubscription", "unsuccessfulOutcome")[0].msg.ies.Cause).toEqual({
      ricRequest: "ran-function-id-invalid",
    });
    await r.steps(25); // to 1.1 s: back on
    const [, on] = r.rics[0].of("RICserviceUpdate");
    expect(on.msg.ies.RANfunctionsAdded.map((f: any) => f.ranFunctionID)).toEqual([3, 4]);
    const bm = decodeSm("bm", "E2SM-BM-RANFunctionDefinition", on.msg.ies.RANfunctionsAdded[0].ranFunctionDefinition);
    expect(bm.cells).toHaveLength(1);
  });

  it("puts only bytes the oracles accept on the wire (every message and payload of a session)", async () => {
    if (!oracles) return console.warn(`skipped: ${skip}`);
    // a cell off and on again mid-session: RIC Service Updates (deleted, added) are checked too
    const { scenario } = await twoSites();
    const events = [
      { atS: 0.3, cell: 0, on: false },
      { atS: 0.8, cell: 0, on: true },
    ];
    const r = await rig(version, { kpmVersion: version, scenario: { ...scenario, events } });
    const ric = r.rics[0];
    ric.send(
      kpmSubscription(
        1,
        200,
        kpmAction.format1(["DRB.UEThpDl", "RRU.PrbTotDl", "RSRP", "SINR", "CQI", "DRB.MeanActiveUeDl"], 100),
        kpm,
      ),
    );
    ric.send(
      kpmSubscription(2, 400, kpmAction.format3("DRB.UEThpDl", testCond("rSRP", "greaterthan", -200), 200), kpm),
    );
    ric.send(
      kpmSubscription(
        3,
        400,
        kpmAction.format4(testCond("cQI", "greaterthan", 0), ["DRB.UEThpDl", "RRU.PrbUsedDl"], 400),
        kpm,
      ),
    );
    ric.send(bmSubscription(4, 200, bmAction.beams(4)));
    ric.send(bmSubscription(5, 400, bmAction.positions()));
    ric.send(rcInsertSubscription(6));
    ric.send(rcUeInfoSubscription(8, ["any"]));
    ric.send(csiSubscription(7, 200));
    await r.settle();
    await r.steps(60);
    const u = connectedUeOf(r, 0);
    ric.send(bmControl(u, 0));
    // a free-weight precoder (every port, one layer) for the CSI control
    const ports = 2 * r.net.scenario.cells[r.net.serving[u]].points[0].nominal.array.cols;
    ric.send(
      ricControlRequest({
        requestId: { requestor: 7, instance: 90 },
        ranFunctionId: 4,
        header: encodeSm("csi", "E2SM-CSI-ControlHeader", { ueId: u, "ric-Style-Type": 1 }),
        message: encodeSm("csi", "E2SM-CSI-ControlMessage", {
          "controlMessage-formats": {
            "controlMessage-Format1": {
              precoder: {
                weights: [Array.from({ length: ports }, (_, p) => ({ re: 8192, im: p % 2 ? -8192 : 8192 }))],
              },
            },
          },
        }),
      }),
    );
    ric.send(rcControl(r, u, r.net.scenario.cells[r.net.serving[u]].neighbours[0]));
    ric.send({
      procedure: "RICsubscriptionDelete",
      kind: "initiatingMessage",
      ies: { RICrequestID: { ricRequestorID: 7, ricInstanceID: 1 }, RANfunctionID: 1 },
    });
    await r.settle();
    await r.steps(10);
    const pdus = r.transcript[0];
    expect(pdus.length).toBeGreaterThan(30);
    expect(r.rics[0].of("RICserviceUpdate")).toHaveLength(2);
    expect(r.rics[0].of("RICcontrol", "successfulOutcome").length).toBeGreaterThanOrEqual(2);
    expect(indications(r, 0, 7).length).toBeGreaterThan(0);
    expect(await checkTranscript(oracles, version, pdus)).toEqual([]);
  });
});

it("replays: same seed, same E2 transcript, bit for bit", async () => {
  const run = async () => {
    const r = await rig(3);
    r.rics[0].send(kpmSubscription(1, 100, kpmAction.format1(["DRB.UEThpDl", "RSRP"], 100)));
    r.rics[0].send(bmSubscription(2, 100, bmAction.positions()));
    await r.settle();
    await r.steps(100);
    return Buffer.concat(r.transcript[0]).toString("hex");
  };
  const a = await run();
  expect(a.length).toBeGreaterThan(1000);
  expect(await run()).toBe(a);
});

describe("robustness and aggregation", () => {
  it("sums counts over a node's cells (connected UEs, PRBs) and pools means (throughput)", async () => {
    const { scenario } = await twoSites();
    // both cells on one site: one gNB with two cells
    const oneSite = { ...scenario, cells: scenario.cells.map((c) => ({ ...c, site: "both", siteIndex: 0 })) };
    const r = await rig(3, { scenario: oneSite });
    expect(r.e2.nodes).toHaveLength(1);
    r.rics[0].send(kpmSubscription(1, 500, kpmAction.format1(["RRC.ConnMean", "RRU.PrbAvailDl", "DRB.UEThpDl"], 500)));
    await r.settle();
    const before = r.net.counters.snapshot();
    await r.steps(25);
    const d = countersBetween(before, r.net.counters.snapshot());
    const [ind] = indications(r, 0, 1);
    const rec = decodeIndication("kpm-v3", ind.msg).message["indicationMessage-formats"]["indicationMessage-Format1"]
      .measData[0].measRecord;
    expect(rec[0].real).toBeCloseTo(d.connectedUeSeconds[0] / d.seconds[0] + d.connectedUeSeconds[1] / d.seconds[1], 9);
    expect(rec[1].integer).toBe(2 * r.net.scenario.carrier.prbs);
    const active = d.activeUeSeconds[0] + d.activeUeSeconds[1];
    expect(rec[2].real).toBeCloseTo((d.dlBits[0] + d.dlBits[1]) / active / 1000, 6);
  });

  it("writes a site name PrintableString cannot carry with '-' (and never stops on an indication)", async () => {
    const { scenario } = await twoSites();
    const odd = { ...scenario, cells: scenario.cells.map((c) => ({ ...c, site: `${c.site}_A*` })) };
    const r = await rig(3, { scenario: odd });
    r.rics[0].send(kpmSubscription(1, 100, kpmAction.format1(["RRC.ConnMean"], 100)));
    await r.settle();
    await r.steps(10);
    const [ind] = indications(r, 0, 1);
    const { header } = decodeIndication("kpm-v3", ind.msg);
    expect(header["indicationHeader-formats"]["indicationHeader-Format1"].senderName).toBe("twinric west-A-");
    expect(r.e2.stats().indicationsDropped).toBe(0);
  });

  it("takes a link that refuses to send (a peer that stopped reading) as the link's end, not the run's", async () => {
    const { scenario, world } = await twoSites();
    const net = new Network({ scenario, field: world.field, walk: world.walk, roads: world.roads });
    const e2 = new E2Nodes(net, { version: 3, epochS: EPOCH_S });
    let listener: LinkListener | undefined;
    let closed = false;
    const stuck: E2Link = {
      peer: "stuck",
      get closed() {
        return closed;
      },
      send() {
        closed = true;
        listener?.closed(new Error("does not read"));
        throw new LinkClosedError("stuck is closed");
      },
      listen(l) {
        listener = l;
      },
      close() {
        closed = true;
      },
    };
    const down = e2.nodes[0].agent.connect(stuck); // E2 Setup: the send fails
    expect((await down)?.message).toBe("does not read");
    expect(e2.nodes[0].agent.ready).toBe(false);
    net.step();
    e2.tick();
  });
});
