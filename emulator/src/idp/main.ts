// CLI: `npx tsx emulator/src/idp/main.ts --port N --data-dir DIR --client-id ID --redirect-uri URL
//   [--post-logout-redirect-uri URL] [--host H] [--issuer URL]`; the client secret comes from IDP_CLIENT_SECRET.
// Prints exactly one line `identity provider listening on <issuer>` when ready.
import { parseArgs } from "node:util";
import { startIdp } from "./provider";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: process.env.IDP_PORT ?? "3165" },
      host: { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string", default: ".data/idp" },
      issuer: { type: "string" },
      "client-id": { type: "string", default: "audit-checks-console" },
      "redirect-uri": { type: "string", multiple: true, default: [] },
      "post-logout-redirect-uri": { type: "string", multiple: true, default: [] },
    },
  });
  const clientSecret = process.env.IDP_CLIENT_SECRET;
  if (!clientSecret) throw new Error("IDP_CLIENT_SECRET must name the console's client secret");
  if (values["redirect-uri"].length === 0) throw new Error("--redirect-uri is required (the console's callback URL)");
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port: not a port: ${values.port}`);
  const idp = await startIdp({
    port,
    host: values.host,
    dataDir: values["data-dir"],
    issuer: values.issuer,
    clientId: values["client-id"],
    clientSecret,
    redirectUris: values["redirect-uri"],
    postLogoutRedirectUris: values["post-logout-redirect-uri"],
  });
  console.log(`identity provider listening on ${idp.issuer}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 5_000).unref();
    void idp.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`identity provider: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
