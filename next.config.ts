import type { NextConfig } from "next";

/**
 * Server action request limit, sized from the check form's field limits as the request is sent: the 256 KiB query
 * JSON-escaped can be 6 bytes per byte (a control character becomes \u0001), i.e. 1.5 MiB, plus the other fields.
 * The default 1 MB refused such a valid draft with a 413 that replaced the page (lib/checks/schema.test.ts checks it).
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const nextConfig: NextConfig = {
  // A self-contained server folder for deployments (scripts/build-standalone.ts completes it; see README "Deploy").
  output: "standalone",
  // No gzip in the Node process: Next flushes the compressor after every streamed chunk, and under 20 concurrent
  // clients that cost a fifth of the pages served (npm run bench:throughput). Static assets are immutable and cached
  // by the browser; compress at the proxy or CDN in front when the network calls for it (README "Deploy").
  compress: false,
  experimental: { serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES } },
  serverExternalPackages: [
    // Native and wasm packages stay out of the server bundle; Node loads them at run time.
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pg",
    "@prisma/adapter-pg",
    "@duckdb/node-api",
    // The AWS SDK too: bundling minifies its command class names, which the reconciler's per-operation call log
    // (shown on the Reconcile page) reads.
    "@aws-sdk/client-athena",
    "@aws-sdk/client-eventbridge",
    "@aws-sdk/client-sfn",
    "@aws-sdk/client-dynamodb",
    "@aws-sdk/client-sns",
    "@aws-sdk/client-cloudwatch",
    "@aws-sdk/client-sts",
    "@aws-sdk/client-iam",
    // pino writes with sonic-boom and thread-stream, which must stay real Node modules.
    "pino",
  ],
  typedRoutes: false,
};

export default nextConfig;
