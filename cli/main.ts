/**
 * `twinric`: one command for every role. Thin: parses, validates, calls the layers.
 */
import { demoCommand } from "./demo.js";
import { e2Command } from "./e2.js";
import { type CliIo, UsageError } from "./io.js";
import { ricCommand, xappCommand } from "./ric.js";
import { simCommand } from "./sim.js";
import { twinCommand } from "./twin.js";

const USAGE = `usage: twinric <command> [options]

commands:
  demo        everything on one machine: simulator + embedded near-RT RIC + kpimon + handover app
  e2 decode   decode E2AP / E2SM messages (APER hex) to JSON
  e2 encode   encode JSON back to APER hex
  twin import convert a scene (Sionna XML + PLY, GeoJSON, PLY) to the twin's scene file
  twin generate  write a bundled procedural scene (urban district, factory hall) as a scene file
  twin trace  propagation paths between two points (ray tracer: reflections, diffraction)
  twin map    radio maps (RSRP, SINR, best beam, best cell) of cells over a scene, PNG + data
  twin train  train a scenario's ray-trace surrogate (dataset from the tracer, ONNX model, report)
  twin query  the surrogate's answer at positions, next to the tracer's
  twin serve  the surrogate over gRPC (twin/api/twin.proto)
  ric         the standalone near-RT RIC on a NATS bus (E2 over TCP)
  xapp        one bundled xApp (kpimon, handover) on the standalone RIC
  sim         the RAN simulator on a scenario's true world (beams, handovers, RLF, KPIs, ground truth)

Run 'twinric <command> --help' for a command's options and an example.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case "demo":
        return await demoCommand(rest, io);
      case "e2":
        return await e2Command(rest, io);
      case "twin":
        return await twinCommand(rest, io);
      case "sim":
        return await simCommand(rest, io);
      case "ric":
        return await ricCommand(rest, io);
      case "xapp":
        return await xappCommand(rest, io);
      case undefined:
      case "-h":
      case "--help":
      case "help":
        io.stdout.write(`${USAGE}\n`);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${cmd}'\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`twinric: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
