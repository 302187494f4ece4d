/**
 * An e2term for tests, as O-RAN SC's behaves towards xApps (../shared/facts/oran-sc-platform.md §2):
 * it takes RIC_CONTROL_REQ on its RMR port, decodes the E2AP (v2) request, and answers
 * RIC_CONTROL_ACK or RIC_CONTROL_FAILURE with sub_id = the request's ricInstanceID and the node's meid,
 * sent by its route table (not by return to sender); it sends RIC_INDICATION with sub_id = the E2
 * instance id and meid = the RAN name. No E2 node behind it: what it answers is set by `answer`.
 */
import { E2apCodec, type E2Message, ricControlAcknowledge, ricControlFailure } from "../../e2sm/index.js";
import type { RmrMessage } from "../../ric/rmr/frame.js";
import { MTYPES } from "../../ric/rmr/mtypes.js";
import { RouteTables } from "../../ric/rmr/routes.js";
import { RmrTransport } from "../../ric/rmr/transport.js";

const { RIC_CONTROL_REQ, RIC_CONTROL_ACK, RIC_CONTROL_FAILURE, RIC_INDICATION } = MTYPES;

export interface ReceivedControl {
  readonly rmr: RmrMessage;
  readonly request: E2Message;
}

export class E2termDouble {
  readonly codec = new E2apCodec({ version: 2 });
  readonly controls: ReceivedControl[] = [];
  /** How the next controls are answered: acknowledged, refused (cause misc/unspecified), or not at all. */
  answer: "ack" | "failure" | "silent" = "ack";

  private constructor(
    readonly transport: RmrTransport,
    readonly routes: RouteTables,
  ) {
    transport.onMessage((m) => {
      if (m.mtype === RIC_CONTROL_REQ) void this.control(m);
    });
  }

  static async start(): Promise<E2termDouble> {
    const routes = new RouteTables({ names: [] });
    const transport = await RmrTransport.start({ name: "127.0.0.1", port: 0, host: "127.0.0.1", routes });
    return new E2termDouble(transport, routes);
  }

  /** Its RMR data endpoint, for the xApp's %meid map. */
  get endpoint(): string {
    return `127.0.0.1:${this.transport.port}`;
  }

  /** Routes what it sends xApps (indications, control answers) to `xapp` ("host:port"), as rtmgr would. */
  routeTo(xapp: string): void {
    const answers = this.routes.apply(
      [
        "newrt|start",
        `mse|${RIC_INDICATION}|-1|${xapp}`,
        `mse|${RIC_CONTROL_ACK}|-1|${xapp}`,
        `mse|${RIC_CONTROL_FAILURE}|-1|${xapp}`,
        "newrt|end",
      ].join("\n"),
    );
    if (answers.join() !== "OK <id-missing>") throw new Error(`e2term double's routes: ${answers.join("; ")}`);
  }

  /** Sends an indication (E2AP bytes) as e2term forwards it; resolves to where it went. */
  indicate(meid: string, subId: number, bytes: Uint8Array): Promise<string[]> {
    return this.transport.send({ mtype: RIC_INDICATION, subId, meid, xid: "000000000000001", payload: bytes });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async control(m: RmrMessage): Promise<void> {
    const request = this.codec.decode(m.payload);
    this.controls.push({ rmr: m, request });
    if (this.answer === "silent") return;
    const requestId = {
      requestor: request.ies.RICrequestID.ricRequestorID,
      instance: request.ies.RICrequestID.ricInstanceID,
    };
    const ranFunctionId = request.ies.RANfunctionID;
    const answer =
      this.answer === "ack"
        ? { mtype: RIC_CONTROL_ACK, msg: ricControlAcknowledge({ requestId, ranFunctionId }) }
        : {
            mtype: RIC_CONTROL_FAILURE,
            msg: ricControlFailure({ requestId, ranFunctionId, cause: { misc: "unspecified" } }),
          };
    await this.transport.send({
      mtype: answer.mtype,
      subId: requestId.instance,
      meid: m.meid,
      xid: m.xid,
      payload: this.codec.encode(answer.msg),
    });
  }
}
