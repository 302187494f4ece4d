import { describe, expect, it } from "vitest";
import {
  decodeSm,
  E2apCodec,
  E2CodecError,
  e2setupRequest,
  e2setupResponse,
  encodeSm,
  gnbNodeId,
  ricControlRequest,
  ricIndication,
  ricSubscriptionRequest,
  ricSubscriptionResponse,
} from "../../e2sm/index.js";

const kpmDef = encodeSm("kpm-v3", "E2SM-KPM-EventTriggerDefinition", {
  "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: 1000 } },
});

describe.each([2, 3] as const)("E2apCodec v%i", (version) => {
  it("announces RAN functions in E2 Setup and resolves their service model afterwards", () => {
    const node = new E2apCodec({ version });
    const ric = new E2apCodec({ version });
    const bytes = node.encode(
      e2setupRequest({
        transactionId: 1,
        nodeId: gnbNodeId({ plmn: "00f110", gnbId: 0x1234 }),
        ranFunctions: [
          { id: 2, oid: "1.3.6.1.4.1.53148.1.3.2.2", definition: Uint8Array.of(1, 2, 3) },
          { id: 3, oid: "1.3.6.1.4.1.53148.1.1.2.3", definition: Uint8Array.of(4) },
        ],
      }),
    );
    const msg = ric.decode(bytes);
    expect(msg.procedure).toBe("E2setup");
    expect(msg.ies.RANfunctionsAdded).toHaveLength(2);
    expect(ric.serviceModelOf(2)?.module.id).toBe("kpm-v3");
    expect(ric.serviceModelOf(3)?.module.id).toBe("rc-v1");
    const resp = ric.encode(
      e2setupResponse({ transactionId: 1, plmn: "00f110", ricId: 7, accepted: [{ id: 2 }, { id: 3 }] }),
    );
    expect(node.decode(resp).ies.RANfunctionsAccepted).toEqual([
      { ranFunctionID: 2, ranFunctionRevision: 1 },
      { ranFunctionID: 3, ranFunctionRevision: 1 },
    ]);
  });

  it("round-trips subscription, indication and control with criticalities filled in", () => {
    const e2 = new E2apCodec({ version });
    const requestId = { requestor: 7, instance: 1 };
    const sub = ricSubscriptionRequest({ requestId, ranFunctionId: 2, eventTrigger: kpmDef, actions: [{ id: 1 }] });
    const back = e2.decode(e2.encode(sub));
    expect(back.ies.RICsubscriptionDetails["ricAction-ToBeSetup-List"]).toEqual([
      { ricActionID: 1, ricActionType: "report" },
    ]);
    expect(
      decodeSm("kpm-v3", "E2SM-KPM-EventTriggerDefinition", back.ies.RICsubscriptionDetails.ricEventTriggerDefinition),
    ).toEqual({ "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: 1000 } } });
    expect(
      e2.decode(e2.encode(ricSubscriptionResponse({ requestId, ranFunctionId: 2, admitted: [1] }))).ies
        .RICactions_Admitted,
    ).toEqual([{ ricActionID: 1 }]);
    const ind = ricIndication({
      requestId,
      ranFunctionId: 2,
      actionId: 1,
      sn: 5,
      header: Uint8Array.of(9),
      message: Uint8Array.of(8, 7),
    });
    const got = e2.decode(e2.encode(ind));
    expect(got.ies.RICindicationSN).toBe(5);
    expect(got.ies.RICindicationType).toBe("report");
    const ctl = ricControlRequest({
      requestId,
      ranFunctionId: 3,
      header: Uint8Array.of(1),
      message: Uint8Array.of(2),
      ackRequest: "ack",
    });
    expect(e2.decode(e2.encode(ctl)).ies.RICcontrolAckRequest).toBe("ack");
  });

  it("rejects a message missing a mandatory IE, naming it", () => {
    const e2 = new E2apCodec({ version });
    const ind = ricIndication({
      requestId: { requestor: 1, instance: 1 },
      ranFunctionId: 2,
      actionId: 1,
      header: Uint8Array.of(),
      message: Uint8Array.of(),
    });
    delete ind.ies.RICindicationHeader;
    expect(() => e2.encode(ind)).toThrow(/mandatory IE RICindicationHeader is missing/);
    ind.ies.RICindicationHeader = Uint8Array.of();
    ind.ies.Bogus = 1;
    expect(() => e2.encode(ind)).toThrow(/RICindication has no IE Bogus/);
    // names are the message's own: an inherited one is neither an IE nor an error
    const inherited = { ...ind, ies: Object.assign(Object.create({ Bogus: 1 }), ricIndicationIes()) };
    expect(e2.decode(e2.encode(inherited)).ies.RANfunctionID).toBe(2);
  });

  it("refuses a PDU whose procedure has no such message kind with a codec error", () => {
    const e2 = new E2apCodec({ version });
    // an unsuccessfulOutcome of RICindication (procedure code 5), which E2AP does not define
    const bytes = Uint8Array.from(Buffer.from("400540020000", "hex"));
    expect(() => e2.decode(bytes)).toThrow(E2CodecError);
    expect(() => e2.decode(bytes)).toThrow(/RICindication has no unsuccessfulOutcome/);
  });
});

function ricIndicationIes() {
  return ricIndication({
    requestId: { requestor: 1, instance: 1 },
    ranFunctionId: 2,
    actionId: 1,
    header: Uint8Array.of(),
    message: Uint8Array.of(),
  }).ies;
}
