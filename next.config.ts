import type { NextConfig } from "next";

const nextConfig: NextConfig = {
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
  ],
  typedRoutes: false,
};

export default nextConfig;
