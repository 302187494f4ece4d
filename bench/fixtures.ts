/**
 * The messages the codec benchmarks (and the README demo) use, built through the public API from the
 * realistic samples: a KPM v3 format-1 indication (20 measurements x 10 records), a format-3 UE report
 * (100 UEs x 5 measurements), an RC handover control request, and an E2 Setup Request with 3 RAN functions.
 */
import { E2apCodec, e2setupRequest, encodeSm, gnbNodeId, ricControlRequest, ricIndication } from "../e2sm/index.js";
import { kpmSamples } from "../test/e2sm/samples/kpm.js";
import { rcSamples } from "../test/e2sm/samples/rc.js";

const KPM_V3 = "1.3.6.1.4.1.53148.1.3.2.2";
const RC = "1.3.6.1.4.1.53148.1.1.2.3";
const kpm = kpmSamples.v3;
const requestId = { requestor: 1001, instance: 1 };

const kpmHeader = encodeSm("kpm-v3", "E2SM-KPM-IndicationHeader", kpm["indicationHeader-format1"].value);

/** Each benchmark message as an E2AP v3 PDU: name -> encoded bytes. */
export function benchMessages(codec = new E2apCodec({ version: 3 })): Record<string, Uint8Array> {
  return {
    "e2setupRequest (3 RAN functions)": codec.encode(
      e2setupRequest({
        transactionId: 1,
        nodeId: gnbNodeId({ plmn: "00f110", gnbId: 0xb5c, gnbIdBits: 22 }),
        ranFunctions: [
          {
            id: 2,
            oid: KPM_V3,
            definition: encodeSm("kpm-v3", "E2SM-KPM-RANfunction-Description", kpm.ranFunctionDescription.value),
          },
          {
            id: 3,
            oid: RC,
            definition: encodeSm("rc", "E2SM-RC-RANFunctionDefinition", rcSamples.ranFunctionDefinition.value),
          },
          {
            id: 4,
            oid: "1.3.6.1.4.1.53148.1.2.2.2",
            definition: encodeSm(
              "kpm-v2",
              "E2SM-KPM-RANfunction-Description",
              kpmSamples.v2.ranFunctionDescription.value,
            ),
          },
        ],
      }),
    ),
    "ricIndication KPM format 1 (20 meas x 10 records)": codec.encode(
      ricIndication({
        requestId,
        ranFunctionId: 2,
        actionId: 1,
        sn: 42,
        header: kpmHeader,
        message: encodeSm("kpm-v3", "E2SM-KPM-IndicationMessage", kpm["indicationMessage-format1"].value),
      }),
    ),
    "ricIndication KPM format 3 (100 UEs x 5 meas)": codec.encode(
      ricIndication({
        requestId,
        ranFunctionId: 2,
        actionId: 1,
        sn: 43,
        header: kpmHeader,
        message: encodeSm("kpm-v3", "E2SM-KPM-IndicationMessage", kpm["indicationMessage-format3"].value),
      }),
    ),
    "ricControlRequest RC handover": codec.encode(
      ricControlRequest({
        requestId,
        ranFunctionId: 3,
        ackRequest: "ack",
        header: encodeSm("rc", "E2SM-RC-ControlHeader", rcSamples.controlHeaderHandover.value),
        message: encodeSm("rc", "E2SM-RC-ControlMessage", rcSamples.controlMessageHandover.value),
      }),
    ),
  };
}
