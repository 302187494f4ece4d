/**
 * E2AP-IEs. Written bottom-up (a type after the types it uses). Differences between versions:
 * CauseRICrequest gains six extension values in v03.01; E2nodeComponentInterfaceE1 names its one
 * component `gNB-CU-CP-ID` in v02.03 and `gNB-CU-UP-ID` in v03.01 (same type, same bytes);
 * RICactionExecutionOrder, RICsubscriptionTime and RICquery{Header,Definition,Outcome} are new in v03.01.
 */
import { bits, choice, def, enumerated, int, octets, opt, printable, seq, seqOf, size } from "../schema/builders.js";
import type { E2apCommon, E2apVersion } from "./common.js";
import { maxnoofErrors } from "./constants.js";

export function buildIes(version: E2apVersion, common: E2apCommon) {
  const { Criticality, ProcedureCode, ProtocolIE_ID, TriggeringMessage } = common;

  // ---- 3GPP identifiers ----
  const PLMN_Identity = def("PLMN-Identity", octets(size(3)));
  const AMFName = def("AMFName", printable(size(1, 150, true)));
  const MMEname = def("MMEname", printable(size(1, 150, true)));
  const GNB_CU_UP_ID = def("GNB-CU-UP-ID", int(0, 68719476735));
  const GNB_DU_ID = def("GNB-DU-ID", int(0, 68719476735));
  const NGENB_DU_ID = def("NGENB-DU-ID", int(0, 68719476735));

  const ENB_ID = def(
    "ENB-ID",
    choice(
      { "macro-eNB-ID": bits(size(20)), "home-eNB-ID": bits(size(28)) },
      { "short-Macro-eNB-ID": bits(size(18)), "long-Macro-eNB-ID": bits(size(21)) },
    ),
  );
  const ENB_ID_Choice = def(
    "ENB-ID-Choice",
    choice(
      { "enb-ID-macro": bits(size(20)), "enb-ID-shortmacro": bits(size(18)), "enb-ID-longmacro": bits(size(21)) },
      {},
    ),
  );
  const ENGNB_ID = def("ENGNB-ID", choice({ "gNB-ID": bits(size(22, 32)) }, {}));
  const GNB_ID_Choice = def("GNB-ID-Choice", choice({ "gnb-ID": bits(size(22, 32)) }, {}));

  const GlobalENB_ID = def("GlobalENB-ID", seq({ "pLMN-Identity": PLMN_Identity, "eNB-ID": ENB_ID }, {}));
  const GlobalenGNB_ID = def("GlobalenGNB-ID", seq({ "pLMN-Identity": PLMN_Identity, "gNB-ID": ENGNB_ID }, {}));
  const GlobalgNB_ID = def("GlobalgNB-ID", seq({ "plmn-id": PLMN_Identity, "gnb-id": GNB_ID_Choice }, {}));
  const GlobalngeNB_ID = def("GlobalngeNB-ID", seq({ "plmn-id": PLMN_Identity, "enb-id": ENB_ID_Choice }, {}));
  const GlobalNG_RANNode_ID = def("GlobalNG-RANNode-ID", choice({ gNB: GlobalgNB_ID, "ng-eNB": GlobalngeNB_ID }, {}));

  // ---- Global E2 node / RIC ids ----
  const GlobalE2node_gNB_ID = def(
    "GlobalE2node-gNB-ID",
    seq(
      {
        "global-gNB-ID": GlobalgNB_ID,
        "global-en-gNB-ID": opt(GlobalenGNB_ID),
        "gNB-CU-UP-ID": opt(GNB_CU_UP_ID),
        "gNB-DU-ID": opt(GNB_DU_ID),
      },
      {},
    ),
  );
  const GlobalE2node_en_gNB_ID = def(
    "GlobalE2node-en-gNB-ID",
    seq(
      { "global-en-gNB-ID": GlobalenGNB_ID, "en-gNB-CU-UP-ID": opt(GNB_CU_UP_ID), "en-gNB-DU-ID": opt(GNB_DU_ID) },
      {},
    ),
  );
  const GlobalE2node_ng_eNB_ID = def(
    "GlobalE2node-ng-eNB-ID",
    seq(
      { "global-ng-eNB-ID": GlobalngeNB_ID, "global-eNB-ID": opt(GlobalENB_ID), "ngENB-DU-ID": opt(NGENB_DU_ID) },
      {},
    ),
  );
  const GlobalE2node_eNB_ID = def("GlobalE2node-eNB-ID", seq({ "global-eNB-ID": GlobalENB_ID }, {}));
  const GlobalE2node_ID = def(
    "GlobalE2node-ID",
    choice(
      {
        gNB: GlobalE2node_gNB_ID,
        "en-gNB": GlobalE2node_en_gNB_ID,
        "ng-eNB": GlobalE2node_ng_eNB_ID,
        eNB: GlobalE2node_eNB_ID,
      },
      {},
    ),
  );
  const GlobalRIC_ID = def("GlobalRIC-ID", seq({ "pLMN-Identity": PLMN_Identity, "ric-ID": bits(size(20)) }, {}));

  // ---- Cause ----
  const CauseRICrequest = def(
    "CauseRICrequest",
    enumerated(
      [
        "ran-function-id-invalid",
        "action-not-supported",
        "excessive-actions",
        "duplicate-action",
        "duplicate-event-trigger",
        "function-resource-limit",
        "request-id-unknown",
        "inconsistent-action-subsequent-action-sequence",
        "control-message-invalid",
        "ric-call-process-id-invalid",
        "control-timer-expired",
        "control-failed-to-execute",
        "system-not-ready",
        "unspecified",
      ],
      version === 3
        ? [
            "ric-subscription-end-time-expired",
            "ric-subscription-end-time-invalid",
            "duplicate-ric-request-id",
            "eventTriggerNotSupported",
            "requested-information-unavailable",
            "invalid-information-request",
          ]
        : [],
    ),
  );
  const CauseRICservice = def(
    "CauseRICservice",
    enumerated(["ran-function-not-supported", "excessive-functions", "ric-resource-limit"], []),
  );
  const CauseE2node = def("CauseE2node", enumerated(["e2node-component-unknown"], []));
  const CauseTransport = def("CauseTransport", enumerated(["unspecified", "transport-resource-unavailable"], []));
  const CauseProtocol = def(
    "CauseProtocol",
    enumerated(
      [
        "transfer-syntax-error",
        "abstract-syntax-error-reject",
        "abstract-syntax-error-ignore-and-notify",
        "message-not-compatible-with-receiver-state",
        "semantic-error",
        "abstract-syntax-error-falsely-constructed-message",
        "unspecified",
      ],
      [],
    ),
  );
  const CauseMisc = def(
    "CauseMisc",
    enumerated(["control-processing-overload", "hardware-failure", "om-intervention", "unspecified"], []),
  );
  const Cause = def(
    "Cause",
    choice(
      {
        ricRequest: CauseRICrequest,
        ricService: CauseRICservice,
        e2Node: CauseE2node,
        transport: CauseTransport,
        protocol: CauseProtocol,
        misc: CauseMisc,
      },
      {},
    ),
  );

  // ---- RIC request / action / subsequent action ----
  const RICrequestID = def("RICrequestID", seq({ ricRequestorID: int(0, 65535), ricInstanceID: int(0, 65535) }, {}));
  const RANfunctionDefinition = def("RANfunctionDefinition", octets());
  const RANfunctionID = def("RANfunctionID", int(0, 4095));
  const RANfunctionOID = def("RANfunctionOID", printable(size(1, 1000, true)));
  const RANfunctionRevision = def("RANfunctionRevision", int(0, 4095));
  const RICactionDefinition = def("RICactionDefinition", octets());
  const RICactionID = def("RICactionID", int(0, 255));
  const RICactionType = def("RICactionType", enumerated(["report", "insert", "policy"], []));
  const RICcallProcessID = def("RICcallProcessID", octets());
  const RICcontrolAckRequest = def("RICcontrolAckRequest", enumerated(["noAck", "ack"], []));
  const RICcontrolHeader = def("RICcontrolHeader", octets());
  const RICcontrolMessage = def("RICcontrolMessage", octets());
  const RICcontrolOutcome = def("RICcontrolOutcome", octets());
  const RICeventTriggerDefinition = def("RICeventTriggerDefinition", octets());
  const RICindicationHeader = def("RICindicationHeader", octets());
  const RICindicationMessage = def("RICindicationMessage", octets());
  const RICindicationSN = def("RICindicationSN", int(0, 65535));
  const RICindicationType = def("RICindicationType", enumerated(["report", "insert"], []));
  const RICsubsequentActionType = def("RICsubsequentActionType", enumerated(["continue", "wait"], []));
  const RICtimeToWait = def(
    "RICtimeToWait",
    enumerated(
      [
        "w1ms",
        "w2ms",
        "w5ms",
        "w10ms",
        "w20ms",
        "w30ms",
        "w40ms",
        "w50ms",
        "w100ms",
        "w200ms",
        "w500ms",
        "w1s",
        "w2s",
        "w5s",
        "w10s",
        "w20s",
        "w60s",
      ],
      [],
    ),
  );
  const RICsubsequentAction = def(
    "RICsubsequentAction",
    seq({ ricSubsequentActionType: RICsubsequentActionType, ricTimeToWait: RICtimeToWait }, {}),
  );

  // ---- Misc ----
  const TimeToWait = def("TimeToWait", enumerated(["v1s", "v2s", "v5s", "v10s", "v20s", "v60s"], []));
  const TNLinformation = def(
    "TNLinformation",
    seq({ tnlAddress: bits(size(1, 160, true)), tnlPort: opt(bits(size(16))) }, {}),
  );
  const TNLusage = def("TNLusage", enumerated(["ric-service", "support-function", "both"], []));
  const TransactionID = def("TransactionID", int(0, 255, { ext: true }));
  const TypeOfError = def("TypeOfError", enumerated(["not-understood", "missing"], []));

  // ---- Criticality diagnostics ----
  const CriticalityDiagnostics_IE_Item = def(
    "CriticalityDiagnostics-IE-Item",
    seq({ iECriticality: Criticality, "iE-ID": ProtocolIE_ID, typeOfError: TypeOfError }, {}),
  );
  const CriticalityDiagnostics_IE_List = def(
    "CriticalityDiagnostics-IE-List",
    seqOf(CriticalityDiagnostics_IE_Item, size(1, maxnoofErrors)),
  );
  const CriticalityDiagnostics = def(
    "CriticalityDiagnostics",
    seq(
      {
        procedureCode: opt(ProcedureCode),
        triggeringMessage: opt(TriggeringMessage),
        procedureCriticality: opt(Criticality),
        ricRequestorID: opt(RICrequestID),
        iEsCriticalityDiagnostics: opt(CriticalityDiagnostics_IE_List),
      },
      {},
    ),
  );

  // ---- E2 node components ----
  const E2nodeComponentConfiguration = def(
    "E2nodeComponentConfiguration",
    seq({ e2nodeComponentRequestPart: octets(), e2nodeComponentResponsePart: octets() }, {}),
  );
  const E2nodeComponentConfigurationAck = def(
    "E2nodeComponentConfigurationAck",
    seq({ updateOutcome: enumerated(["success", "failure"], []), failureCause: opt(Cause) }, {}),
  );
  const E2nodeComponentInterfaceType = def(
    "E2nodeComponentInterfaceType",
    enumerated(["ng", "xn", "e1", "f1", "w1", "s1", "x2"], []),
  );
  const E2nodeComponentInterfaceNG = def("E2nodeComponentInterfaceNG", seq({ "amf-name": AMFName }, {}));
  const E2nodeComponentInterfaceXn = def(
    "E2nodeComponentInterfaceXn",
    seq({ "global-NG-RAN-Node-ID": GlobalNG_RANNode_ID }, {}),
  );
  // v02.03 misnames the component gNB-CU-CP-ID; the type (and so the encoding) is the same.
  const E2nodeComponentInterfaceE1 = def(
    "E2nodeComponentInterfaceE1",
    version === 3 ? seq({ "gNB-CU-UP-ID": GNB_CU_UP_ID }, {}) : seq({ "gNB-CU-CP-ID": GNB_CU_UP_ID }, {}),
  );
  const E2nodeComponentInterfaceF1 = def("E2nodeComponentInterfaceF1", seq({ "gNB-DU-ID": GNB_DU_ID }, {}));
  const E2nodeComponentInterfaceW1 = def("E2nodeComponentInterfaceW1", seq({ "ng-eNB-DU-ID": NGENB_DU_ID }, {}));
  const E2nodeComponentInterfaceS1 = def("E2nodeComponentInterfaceS1", seq({ "mme-name": MMEname }, {}));
  const E2nodeComponentInterfaceX2 = def(
    "E2nodeComponentInterfaceX2",
    seq({ "global-eNB-ID": opt(GlobalENB_ID), "global-en-gNB-ID": opt(GlobalenGNB_ID) }, {}),
  );
  const E2nodeComponentID = def(
    "E2nodeComponentID",
    choice(
      {
        e2nodeComponentInterfaceTypeNG: E2nodeComponentInterfaceNG,
        e2nodeComponentInterfaceTypeXn: E2nodeComponentInterfaceXn,
        e2nodeComponentInterfaceTypeE1: E2nodeComponentInterfaceE1,
        e2nodeComponentInterfaceTypeF1: E2nodeComponentInterfaceF1,
        e2nodeComponentInterfaceTypeW1: E2nodeComponentInterfaceW1,
        e2nodeComponentInterfaceTypeS1: E2nodeComponentInterfaceS1,
        e2nodeComponentInterfaceTypeX2: E2nodeComponentInterfaceX2,
      },
      {},
    ),
  );

  // ---- New in v03.01 ----
  const v3 =
    version === 3
      ? {
          RICactionExecutionOrder: def("RICactionExecutionOrder", int(0, 255, { ext: true })),
          RICsubscriptionTime: def("RICsubscriptionTime", octets(size(8))),
          RICqueryHeader: def("RICqueryHeader", octets()),
          RICqueryDefinition: def("RICqueryDefinition", octets()),
          RICqueryOutcome: def("RICqueryOutcome", octets()),
        }
      : undefined;

  return {
    AMFName,
    Cause,
    CauseE2node,
    CauseMisc,
    CauseProtocol,
    CauseRICrequest,
    CauseRICservice,
    CauseTransport,
    CriticalityDiagnostics,
    CriticalityDiagnostics_IE_List,
    CriticalityDiagnostics_IE_Item,
    E2nodeComponentConfiguration,
    E2nodeComponentConfigurationAck,
    E2nodeComponentInterfaceType,
    E2nodeComponentID,
    E2nodeComponentInterfaceE1,
    E2nodeComponentInterfaceF1,
    E2nodeComponentInterfaceNG,
    E2nodeComponentInterfaceS1,
    E2nodeComponentInterfaceX2,
    E2nodeComponentInterfaceXn,
    E2nodeComponentInterfaceW1,
    ENB_ID,
    ENB_ID_Choice,
    ENGNB_ID,
    GlobalE2node_ID,
    GlobalE2node_en_gNB_ID,
    GlobalE2node_eNB_ID,
    GlobalE2node_gNB_ID,
    GlobalE2node_ng_eNB_ID,
    GlobalENB_ID,
    GlobalenGNB_ID,
    GlobalgNB_ID,
    GlobalngeNB_ID,
    GlobalNG_RANNode_ID,
    GlobalRIC_ID,
    GNB_CU_UP_ID,
    GNB_DU_ID,
    GNB_ID_Choice,
    MMEname,
    NGENB_DU_ID,
    PLMN_Identity,
    RANfunctionDefinition,
    RANfunctionID,
    RANfunctionOID,
    RANfunctionRevision,
    RICactionDefinition,
    RICactionID,
    RICactionType,
    RICcallProcessID,
    RICcontrolAckRequest,
    RICcontrolHeader,
    RICcontrolMessage,
    RICcontrolOutcome,
    RICeventTriggerDefinition,
    RICindicationHeader,
    RICindicationMessage,
    RICindicationSN,
    RICindicationType,
    RICrequestID,
    RICsubsequentAction,
    RICsubsequentActionType,
    RICtimeToWait,
    TimeToWait,
    TNLinformation,
    TNLusage,
    TransactionID,
    TypeOfError,
    ...v3,
  };
}

export type E2apIes = ReturnType<typeof buildIes>;
