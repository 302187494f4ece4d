/**
 * Platform 1, embedded: the near-RT RIC on an in-process bus, E2 nodes on in-process links, apps on
 * the same bus. No sockets, no serialisation beyond the E2AP bytes themselves: what `twinric demo`
 * and most tests run on.
 *
 *   const ric = await EmbeddedRic.start();
 *   keepConnected(agent, async () => ric.link())           // a simulated gNB, redialling if dropped
 *   const app = await XApp.start({ name: "kpimon", platform: ric.platform() });
 */
import type { E2apVersion } from "../e2sm/index.js";
import { InProcessBus } from "./bus/in-process.js";
import { BusPlatform } from "./sdk/bus-platform.js";
import type { Log } from "./services/e2-termination.js";
import { NearRtRic } from "./services/ric.js";
import { inProcessLinkPair } from "./transports/in-process.js";
import type { E2Link } from "./transports/link.js";

/** What an E2 node needs to be attached (the simulator's E2Agent fits). */
export interface Connectable {
  connect(link: E2Link): Promise<Error | undefined>;
}

export class EmbeddedRic {
  private constructor(
    readonly bus: InProcessBus,
    readonly ric: NearRtRic,
  ) {}

  static async start(opts: { version?: E2apVersion; controlTimeoutMs?: number; log?: Log } = {}): Promise<EmbeddedRic> {
    const bus = new InProcessBus();
    const ric = await NearRtRic.start({ bus, ...opts });
    return new EmbeddedRic(bus, ric);
  }

  /** A platform for one app (each app gets its own: its identity lives there). */
  platform(): BusPlatform {
    return new BusPlatform(this.bus);
  }

  /** A new in-process E2 link into the RIC: the node's end. */
  link(): E2Link {
    const [nodeEnd, ricEnd] = inProcessLinkPair(["e2 node", "ric"]);
    this.ric.attach(ricEnd);
    return nodeEnd;
  }

  /** Joins an E2 node to the RIC by an in-process link; resolves when the link ends. */
  attach(node: Connectable): Promise<Error | undefined> {
    return node.connect(this.link());
  }

  async close(): Promise<void> {
    await this.ric.close();
    await this.bus.close();
  }
}
