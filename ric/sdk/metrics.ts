/**
 * The metrics every app exports (Prometheus, prom-client), in the app's own registry so several apps
 * in one process (the demo) stay apart and are merged only on /metrics.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export class AppMetrics {
  readonly registry = new Registry();
  readonly indications: Counter<"node" | "ran_function">;
  readonly indicationsDropped: Counter;
  readonly decodeErrors: Counter;
  readonly controlsSent: Counter<"node">;
  readonly controlsAcked: Counter<"node">;
  readonly controlsFailed: Counter<"node" | "reason">;
  readonly decisionLatency: Histogram;
  readonly nodes: Gauge;
  readonly subscriptions: Gauge<"state">;

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    const registers = [this.registry];
    this.indications = new Counter({
      name: "twinric_indications_total",
      help: "RIC indications received",
      labelNames: ["node", "ran_function"],
      registers,
    });
    this.indicationsDropped = new Counter({
      name: "twinric_indications_dropped_total",
      help: "Indications dropped because the app did not keep up (its buffer was full)",
      registers,
    });
    this.decodeErrors = new Counter({
      name: "twinric_decode_errors_total",
      help: "E2AP or E2SM payloads that could not be decoded",
      registers,
    });
    this.controlsSent = new Counter({
      name: "twinric_controls_sent_total",
      help: "RIC control requests sent",
      labelNames: ["node"],
      registers,
    });
    this.controlsAcked = new Counter({
      name: "twinric_controls_acked_total",
      help: "RIC control requests acknowledged by the node",
      labelNames: ["node"],
      registers,
    });
    this.controlsFailed = new Counter({
      name: "twinric_controls_failed_total",
      help: "RIC control requests that failed (refused by the node, timed out, no RIC)",
      labelNames: ["node", "reason"],
      registers,
    });
    this.decisionLatency = new Histogram({
      name: "twinric_decision_latency_seconds",
      help: "From an indication's arrival in the app to the control it caused leaving the app",
      buckets: [50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3],
      registers,
    });
    this.nodes = new Gauge({ name: "twinric_e2_nodes", help: "E2 nodes connected to the RIC", registers });
    this.subscriptions = new Gauge({
      name: "twinric_subscriptions",
      help: "The app's E2 subscriptions by state",
      labelNames: ["state"],
      registers,
    });
  }
}
