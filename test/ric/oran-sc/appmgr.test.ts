/**
 * Registration with appmgr against a double written from its API: the naming conventions the platform
 * routes by, the register body (config as a string holding the descriptor), deregistration, and the
 * config endpoint appmgr falls back to.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import {
  AppmgrClient,
  registeredEndpoints,
  registerRequest,
  type XappDescriptor,
  xappConfigRouter,
  xappEndpoints,
} from "../../../ric/oran-sc/appmgr.js";
import { FieldError, RicHttpError } from "../../../ric/oran-sc/errors.js";
import { type AppmgrDouble, startAppmgrDouble } from "../../support/appmgr-double.js";

const descriptor: XappDescriptor = {
  name: "beam",
  version: "1.2.0",
  containers: [{ name: "beam", image: { registry: "nexus3.o-ran-sc.org:10002", name: "twinric-beam", tag: "1.2.0" } }],
  messaging: {
    ports: [
      {
        name: "rmrdata",
        container: "beam",
        port: 4560,
        rxMessages: ["RIC_INDICATION"],
        txMessages: ["RIC_CONTROL_REQ"],
        policies: [20008],
      },
      { name: "rmrroute", container: "beam", port: 4561 },
      { name: "http", container: "beam", port: 8080 },
    ],
  },
  rmr: {
    protPort: "tcp:4560",
    maxSize: 2072,
    numWorkers: 1,
    txMessages: ["RIC_CONTROL_REQ", "A1_POLICY_RESP", "A1_POLICY_QUERY"],
    rxMessages: ["RIC_INDICATION", "A1_POLICY_REQ"],
    policies: [20008],
  },
};

let appmgr: AppmgrDouble;
const servers: Server[] = [];
afterEach(async () => {
  await appmgr?.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((done) => s.close(() => done()));
  }
});

describe("xApp naming", () => {
  it("derives the service names and endpoints the platform routes by", () => {
    expect(xappEndpoints({ name: "beam" })).toEqual({
      httpService: "service-ricxapp-beam-http.ricxapp",
      rmrService: "service-ricxapp-beam-rmr.ricxapp",
      httpPort: 8080,
      rmrPort: 4560,
      httpEndpoint: "service-ricxapp-beam-http.ricxapp:8080",
      rmrEndpoint: "service-ricxapp-beam-rmr.ricxapp:4560",
      routeEndpoint: "service-ricxapp-beam-rmr.ricxapp:4561",
    });
    expect(xappEndpoints({ name: "kpimon", namespace: "lab", rmrPort: 4570 }).rmrEndpoint).toBe(
      "service-lab-kpimon-rmr.lab:4570",
    );
  });

  it.each([
    [{ name: "Beam" }, "xApp naming name: must be a DNS label (a-z, 0-9, '-'), got \"Beam\""],
    [{ name: "beam-" }, "xApp naming name: must be a DNS label (a-z, 0-9, '-'), got \"beam-\""],
    [{ name: "x".repeat(60) }, "xApp naming name: makes the service name service-ricxapp-xxx"],
    [{ name: "beam", httpPort: 0 }, "xApp naming httpPort: must be a port 1..65535, got 0"],
  ])("refuses %j naming the field", (naming, message) => {
    expect(() => xappEndpoints(naming)).toThrow(FieldError);
    expect(() => xappEndpoints(naming)).toThrow(message);
  });

  it("takes the registered endpoints from service-link variables, else the service names", () => {
    const env = {
      SERVICE_RICXAPP_BEAM_HTTP_PORT: "tcp://10.96.1.7:8080",
      SERVICE_RICXAPP_BEAM_RMR_PORT: "tcp://10.96.1.8:4560",
    };
    expect(registeredEndpoints(env, { name: "beam" })).toEqual({
      httpEndpoint: "10.96.1.7:8080",
      rmrEndpoint: "10.96.1.8:4560",
    });
    expect(registeredEndpoints({}, { name: "beam" })).toEqual({
      httpEndpoint: "service-ricxapp-beam-http.ricxapp:8080",
      rmrEndpoint: "service-ricxapp-beam-rmr.ricxapp:4560",
    });
    expect(
      registeredEndpoints({ SERVICE_RICXAPP_MY_APP_HTTP_PORT: "tcp://1.2.3.4:80" }, { name: "my-app" }).httpEndpoint,
    ).toBe("1.2.3.4:80");
    expect(() => registeredEndpoints({ SERVICE_RICXAPP_BEAM_RMR_PORT: "10.0.0.1" }, { name: "beam" })).toThrow(
      'environment SERVICE_RICXAPP_BEAM_RMR_PORT: must be tcp://ip:port, got "10.0.0.1"',
    );
  });
});

describe("registerRequest", () => {
  it("carries the descriptor as a JSON string, and names from the descriptor", () => {
    const r = registerRequest({ descriptor, hostname: "beam-7d9f", ...registeredEndpoints({}, { name: "beam" }) });
    expect(r).toEqual({
      appName: "beam-7d9f",
      appInstanceName: "beam",
      appVersion: "1.2.0",
      httpEndpoint: "service-ricxapp-beam-http.ricxapp:8080",
      rmrEndpoint: "service-ricxapp-beam-rmr.ricxapp:4560",
      configPath: "/ric/v1/config",
      config: JSON.stringify(descriptor),
    });
    expect(typeof r.config).toBe("string");
    expect(JSON.parse(r.config!)).toEqual(descriptor);
  });

  it.each([
    [{ version: "1.0.0" }, "xApp descriptor name: must be a non-empty string"],
    [{ name: "beam" }, "xApp descriptor version: must be a non-empty string"],
    [[], "xApp descriptor (top level): must be a JSON object"],
  ])("refuses descriptor %j", (d, message) => {
    expect(() =>
      registerRequest({ descriptor: d as unknown as XappDescriptor, httpEndpoint: "a:1", rmrEndpoint: "a:2" }),
    ).toThrow(message);
  });

  it("refuses an endpoint without a port", () => {
    expect(() => registerRequest({ descriptor, httpEndpoint: "beam", rmrEndpoint: "a:2" })).toThrow(
      'registerRequest httpEndpoint: must be host:port, got "beam"',
    );
  });
});

describe("AppmgrClient", () => {
  it("registers; appmgr records the conventional RMR endpoint and the descriptor's messages; deregisters", async () => {
    appmgr = await startAppmgrDouble();
    const client = new AppmgrClient({ baseUrl: appmgr.baseUrl, timeoutMs: 2000 });
    const request = registerRequest({ descriptor, httpEndpoint: "10.96.1.7:8080", rmrEndpoint: "10.96.1.8:4560" });
    await client.register(request);
    expect(appmgr.requests[0]).toEqual({ method: "POST", path: "/ric/v1/register", body: request });
    const listed = (await (await fetch(`${appmgr.baseUrl}/xapps`)).json()) as { instances: object[] }[];
    expect(listed[0].instances[0]).toEqual({
      name: "beam",
      status: "running",
      ip: "service-ricxapp-beam-rmr.ricxapp",
      port: 4560,
      txMessages: ["RIC_CONTROL_REQ", "A1_POLICY_RESP", "A1_POLICY_QUERY"],
      rxMessages: ["RIC_INDICATION", "A1_POLICY_REQ"],
      policies: [20008],
    });
    // rtmgr's endpoint for the xApp is the one we derive
    const registered = appmgr.xapps.get("beam")!;
    expect(`${registered.ip}:${registered.port}`).toBe(xappEndpoints({ name: "beam" }).rmrEndpoint);

    await client.deregister({ appName: request.appName, appInstanceName: request.appInstanceName });
    expect(appmgr.requests.at(-1)).toEqual({
      method: "POST",
      path: "/ric/v1/deregister",
      body: { appName: "beam", appInstanceName: "beam" },
    });
    expect(appmgr.xapps.size).toBe(0);
  });

  it("without a config, appmgr reads the xApp's config endpoint, which serves the descriptor as a string", async () => {
    const app = express();
    app.use(xappConfigRouter(descriptor));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    servers.push(server);
    const port = (server.address() as AddressInfo).port;
    const served = (await (await fetch(`http://127.0.0.1:${port}/ric/v1/config`)).json()) as unknown[];
    expect(served).toEqual([
      { metadata: { xappName: "beam", configType: "json" }, config: JSON.stringify(descriptor) },
    ]);

    appmgr = await startAppmgrDouble((host) => (host === "service-ricxapp-beam-http.ricxapp" ? "127.0.0.1" : host));
    const { config: _, ...withoutConfig } = registerRequest({
      descriptor,
      httpEndpoint: `service-ricxapp-beam-http.ricxapp:${port}`,
      rmrEndpoint: "service-ricxapp-beam-rmr.ricxapp:4560",
    });
    await new AppmgrClient({ baseUrl: appmgr.baseUrl }).register(withoutConfig);
    expect(appmgr.xapps.get("beam")?.descriptor).toEqual(descriptor);
  });

  it("turns appmgr's refusals into errors with status and body", async () => {
    appmgr = await startAppmgrDouble();
    const client = new AppmgrClient({ baseUrl: appmgr.baseUrl, timeoutMs: 2000 });
    const request = registerRequest({ descriptor, httpEndpoint: "10.0.0.1:8080", rmrEndpoint: "10.0.0.1:4560" });
    appmgr.failNext = { status: 500, body: "cannot reach SDL" };
    const e = await client.register(request).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RicHttpError);
    expect(e).toMatchObject({
      status: 500,
      body: "cannot reach SDL",
      message: expect.stringMatching(
        /^appmgr POST http:\/\/127\.0\.0\.1:\d+\/ric\/v1\/register answered 500: cannot reach SDL$/,
      ),
    });
    // the double refuses what the API does not define: an object config, a field too many
    await expect(client.register({ ...request, config: descriptor as unknown as string })).rejects.toMatchObject({
      status: 400,
      body: expect.stringContaining("body/config must be string"),
    });
    await expect(client.register({ ...request, appType: "xapp" } as typeof request)).rejects.toMatchObject({
      status: 400,
      body: expect.stringContaining("body has unknown field 'appType'"),
    });
    await expect(client.register({ ...request, config: "{not json" })).rejects.toMatchObject({
      status: 400,
      body: expect.stringContaining("body/config is not JSON"),
    });
  });
});
