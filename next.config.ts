import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and wasm packages stay out of the server bundle; Node loads them at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg", "@duckdb/node-api"],
  typedRoutes: false,
};

export default nextConfig;
