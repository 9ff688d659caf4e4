// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm, pinned to the installed Prisma), driven
// directly: the Prisma CLI would try to download the native engine, which this network cannot reach.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine as WasmSchemaEngine, MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm";

export type SchemaEngine = WasmSchemaEngine;
export type { MigrationList };

/** Filters that manage every table (no externally managed tables or enums). */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let modulePromise: Promise<EngineModule> | undefined;

/** Where the engine writes its panic message before trapping (Prisma's own loaders install the same registry). */
const panicRegistry = {
  lastPanic: undefined as string | undefined,
  set_message(message: string) {
    this.lastPanic = message;
    console.error(`schema engine panicked: ${message}`);
  },
};

/** Instantiates the wasm-bindgen "bundler" build once per process (its exports map hides the files we need). */
function loadEngineModule(): Promise<EngineModule> {
  modulePromise ??= (async () => {
    const entry = createRequire(path.join(process.cwd(), "package.json")).resolve("@prisma/schema-engine-wasm");
    const dir = path.dirname(entry);
    const glue = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as EngineModule;
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return modulePromise;
}

export interface SchemaFile {
  path: string;
  content: string;
}

/** Opens an engine over the given datamodel and database adapter. Free it with `engine.free()` when done. */
export async function openSchemaEngine(options: {
  schema: SchemaFile;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  log?: (line: string) => void;
}): Promise<SchemaEngine> {
  const mod = await loadEngineModule();
  const log = options.log ?? (() => {});
  return mod.SchemaEngine.new(
    { datamodels: [[options.schema.path, options.schema.content]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(options.adapterFactory),
  );
}
