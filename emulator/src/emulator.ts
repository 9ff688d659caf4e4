// Assembles the emulator: creates the three services, serves them over node:http, and shuts them down cleanly.
//
// HTTP surface (one port):
//   POST /  + X-Amz-Target <Prefix>.<Op>        AWS JSON 1.0/1.1 calls (AWSEvents, AWSStepFunctions, AmazonAthena)
//   GET  /_emulator/health                      status + per-service counts
//   POST /_emulator/reset                       every service's reset() + all faults cleared
//   POST /_emulator/faults {service, operation?, kind: throttle|error5xx|latency, probability?, count?, latencyMs?}
//   GET  /_emulator/faults · DELETE /_emulator/faults[?id=]
//   GET|POST /_emulator/<service>/<hook>        a service's admin hooks (e.g. events/deliveries, events/fire-schedule)
// Faults apply to wire calls only, not to calls between services through the Invoker.
import "./core/polyfills";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createInvoker, ServiceRegistry } from "./core/dispatch";
import { FaultRegistry } from "./core/faults";
import { MetricStore } from "./core/metrics";
import { createRequestHandler } from "./core/http-handler";
import { DEFAULT_CONFIG } from "./core/defaults";
import type { EmulatorConfig, ServiceDefinition, ServiceDeps, ServiceName } from "./core/types";
import { createAthenaService } from "./athena/index";
import { createDynamoDbService } from "./dynamodb/index";
import { createEventsService } from "./events/index";
import { createStatesService } from "./states/index";
import { createSnsService } from "./sns/index";
import { createCloudWatchService } from "./cloudwatch/index";
import { createStsService } from "./sts/index";
import { createIamService } from "./iam/index";
import { WebhookReceivers } from "./webhooks/receivers";

export { DEFAULT_CONFIG };

export interface RunningEmulator {
  /** Base URL for AWS_ENDPOINT_URL / the SDK `endpoint` option, e.g. http://127.0.0.1:4566 */
  url: string;
  port: number;
  config: EmulatorConfig;
  /** Stops background work, flushes every service's state, closes the server. Idempotent. */
  close(): Promise<void>;
}

/** The three services, in stop order: producers first (events starts executions, states calls athena). */
const SERVICE_FACTORIES: Array<{
  name: ServiceName;
  create: (deps: ServiceDeps) => ServiceDefinition | Promise<ServiceDefinition>;
}> = [
  { name: "events", create: createEventsService },
  { name: "states", create: createStatesService },
  { name: "athena", create: createAthenaService },
  { name: "dynamodb", create: createDynamoDbService },
  { name: "sns", create: createSnsService },
  { name: "cloudwatch", create: createCloudWatchService },
  { name: "sts", create: createStsService },
  { name: "iam", create: createIamService },
];

/** Starts an emulator listening on config.port (0 = any free port); resolves once it accepts connections. */
export async function startEmulator(partial: Partial<EmulatorConfig> = {}): Promise<RunningEmulator> {
  const config: EmulatorConfig = {
    ...DEFAULT_CONFIG,
    ...partial,
    options: { ...DEFAULT_CONFIG.options, ...partial.options },
  };
  config.dataDir = path.resolve(config.dataDir);
  fs.mkdirSync(config.dataDir, { recursive: true });

  const registry = new ServiceRegistry();
  const metrics = new MetricStore(path.join(config.dataDir, "metrics"));
  const invoker = createInvoker(registry, config);
  const stopServices = async () => {
    // Producers first: events (starts executions), then states (calls athena), then athena.
    for (const service of registry.all()) {
      try {
        await service.stop?.();
      } catch (err) {
        console.error(`[emulator] stopping ${service.name} failed:`, err);
      }
    }
  };

  let webhooks: WebhookReceivers | undefined;
  let server: http.Server;
  let server6: http.Server | undefined;
  let port: number;
  try {
    for (const service of SERVICE_FACTORIES) {
      const stateDir = path.join(config.dataDir, service.name);
      fs.mkdirSync(stateDir, { recursive: true });
      registry.add(await service.create({ config, invoker, stateDir, metrics }));
    }
    for (const service of registry.all()) await service.start?.();

    const faults = new FaultRegistry();
    webhooks = new WebhookReceivers(path.join(config.dataDir, "webhooks"));
    const handler = createRequestHandler({ config, registry, faults, webhooks, startedAt: Date.now() });
    server = http.createServer(handler);
    server.keepAliveTimeout = 65_000;
    port = await listen(server, config.port, config.host);
    config.port = port;

    // `localhost` may resolve to ::1 for some clients: also answer there when we listen on loopback IPv4.
    if (config.host === "127.0.0.1") {
      const s6 = http.createServer(handler);
      server6 = await listen(s6, port, "::1").then(
        () => s6,
        () => undefined,
      );
    }
  } catch (err) {
    // A failed start (a service that throws, a port in use) must not leave timers or engines running.
    await stopServices();
    throw err;
  }

  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    config,
    close() {
      closing ??= (async () => {
        const servers = [server, server6].filter((s): s is http.Server => s !== undefined);
        const closed = Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
        for (const s of servers) s.closeIdleConnections();
        await stopServices();
        await webhooks?.flush();
        await metrics.flush();
        for (const s of servers) s.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
