// Workgroups and the data catalog: ListWorkGroups, GetWorkGroup, ListDataCatalogs, GetDataCatalog, ListDatabases,
// GetDatabase, ListTableMetadata, GetTableMetadata — all answered from emulator/data/catalog.json.
import { AwsError } from "../core/aws-error";
import { decodeToken, encodeToken, pageOf } from "../core/paging";
import { Violations } from "../core/validation";
import type { Operation } from "../core/types";
import {
  findCatalog,
  findDatabase,
  type CatalogDatabase,
  type CatalogTable,
  type DataCatalog,
  type WorkGroupConfig,
} from "./catalog";
import { ENGINE_VERSION, invalidRequest, requireWorkGroup, type AthenaContext } from "./service-context";

/** Builds the catalog/workgroup operations over a shared context. */
export function metadataOperations(ctx: AthenaContext): Record<string, Operation> {
  const created = ctx.catalogCreatedSec;
  const engineVersion = (wg: WorkGroupConfig) => ({
    SelectedEngineVersion: "AUTO",
    EffectiveEngineVersion: wg.engineVersion ?? ENGINE_VERSION.EffectiveEngineVersion,
  });

  return {
    ListWorkGroups(input) {
      const v = new Violations();
      const max = v.integer(input.MaxResults, "maxResults", { min: 1, max: 50 }) ?? 50;
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 1024 });
      v.throwIfAny("InvalidRequestException");
      const start = token
        ? decodeToken<number>(token, "athena-workgroups", "InvalidRequestException", "Invalid NextToken")
        : 0;
      const { page, next } = pageOf(ctx.catalog.workGroups, start, max);
      return {
        WorkGroups: page.map((wg) => ({
          Name: wg.name,
          State: wg.state,
          Description: wg.description ?? "",
          CreationTime: created,
          EngineVersion: engineVersion(wg),
        })),
        ...(next !== undefined ? { NextToken: encodeToken("athena-workgroups", next) } : {}),
      };
    },

    GetWorkGroup(input) {
      const v = new Violations();
      const name = v.string(input.WorkGroup, "workGroup", { required: true, pattern: /[a-zA-Z0-9._-]{1,128}/ });
      v.throwIfAny("InvalidRequestException");
      const wg = requireWorkGroup(ctx, name!);
      return {
        WorkGroup: {
          Name: wg.name,
          State: wg.state,
          Description: wg.description ?? "",
          CreationTime: created,
          Configuration: {
            ...(wg.outputLocation ? { ResultConfiguration: { OutputLocation: wg.outputLocation } } : {}),
            EnforceWorkGroupConfiguration: false,
            PublishCloudWatchMetricsEnabled: false,
            RequesterPaysEnabled: false,
            EngineVersion: engineVersion(wg),
            EnableMinimumEncryptionConfiguration: false,
          },
        },
      };
    },

    ListDataCatalogs(input) {
      const v = new Violations();
      const max = v.integer(input.MaxResults, "maxResults", { min: 2, max: 50 }) ?? 50;
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 1024 });
      v.throwIfAny("InvalidRequestException");
      const start = token
        ? decodeToken<number>(token, "athena-catalogs", "InvalidRequestException", "Invalid NextToken")
        : 0;
      const { page, next } = pageOf(ctx.catalog.catalogs, start, max);
      return {
        DataCatalogsSummary: page.map((c) => ({ CatalogName: c.name, Type: c.type, Status: "CREATE_COMPLETE" })),
        ...(next !== undefined ? { NextToken: encodeToken("athena-catalogs", next) } : {}),
      };
    },

    GetDataCatalog(input) {
      const v = new Violations();
      const name = v.string(input.Name, "name", { required: true, min: 1, max: 256 });
      v.throwIfAny("InvalidRequestException");
      const c = requireCatalog(ctx, name!, "InvalidRequestException");
      return {
        DataCatalog: {
          Name: c.name,
          Description: c.description ?? "",
          Type: c.type,
          Parameters: { "catalog-id": "000000000000" },
          Status: "CREATE_COMPLETE",
        },
      };
    },

    ListDatabases(input) {
      const v = new Violations();
      const catalogName = v.string(input.CatalogName, "catalogName", { required: true, min: 1, max: 256 });
      const max = v.integer(input.MaxResults, "maxResults", { min: 1, max: 50 }) ?? 50;
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 1024 });
      v.throwIfAny("InvalidRequestException");
      const catalog = requireCatalog(ctx, catalogName!);
      const key = `athena-databases:${catalog.name}`;
      const start = token ? decodeToken<number>(token, key, "InvalidRequestException", "Invalid NextToken") : 0;
      const { page, next } = pageOf(catalog.databases, start, max);
      return {
        DatabaseList: page.map(databaseShape),
        ...(next !== undefined ? { NextToken: encodeToken(key, next) } : {}),
      };
    },

    GetDatabase(input) {
      const v = new Violations();
      const catalogName = v.string(input.CatalogName, "catalogName", { required: true, min: 1, max: 256 });
      const databaseName = v.string(input.DatabaseName, "databaseName", { required: true, min: 1, max: 128 });
      v.throwIfAny("InvalidRequestException");
      return { Database: databaseShape(requireDatabase(requireCatalog(ctx, catalogName!), databaseName!)) };
    },

    ListTableMetadata(input) {
      const v = new Violations();
      const catalogName = v.string(input.CatalogName, "catalogName", { required: true, min: 1, max: 256 });
      const databaseName = v.string(input.DatabaseName, "databaseName", { required: true, min: 1, max: 128 });
      const expression = v.string(input.Expression, "expression", { max: 256 });
      const max = v.integer(input.MaxResults, "maxResults", { min: 1, max: 50 }) ?? 50;
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 1024 });
      v.throwIfAny("InvalidRequestException");
      const db = requireDatabase(requireCatalog(ctx, catalogName!), databaseName!);
      const matches = expression ? tableFilter(expression) : () => true;
      const tables = db.tables.filter((t) => matches(t.name));
      const key = `athena-tables:${db.name}:${expression ?? ""}`;
      const start = token ? decodeToken<number>(token, key, "InvalidRequestException", "Invalid NextToken") : 0;
      const { page, next } = pageOf(tables, start, max);
      return {
        TableMetadataList: page.map((t) => tableShape(t, created)),
        ...(next !== undefined ? { NextToken: encodeToken(key, next) } : {}),
      };
    },

    GetTableMetadata(input) {
      const v = new Violations();
      const catalogName = v.string(input.CatalogName, "catalogName", { required: true, min: 1, max: 256 });
      const databaseName = v.string(input.DatabaseName, "databaseName", { required: true, min: 1, max: 128 });
      const tableName = v.string(input.TableName, "tableName", { required: true, min: 1, max: 128 });
      v.throwIfAny("InvalidRequestException");
      const db = requireDatabase(requireCatalog(ctx, catalogName!), databaseName!);
      const table = db.tables.find((t) => t.name === tableName!.toLowerCase());
      if (!table) throw new AwsError("MetadataException", `Table ${tableName} not found in database ${db.name}.`);
      return { TableMetadata: tableShape(table, created) };
    },
  };
}

function requireCatalog(ctx: AthenaContext, name: string, code = "MetadataException"): DataCatalog {
  const c = findCatalog(ctx.catalog, name);
  if (!c)
    throw code === "MetadataException"
      ? new AwsError("MetadataException", `Catalog ${name} was not found.`)
      : invalidRequest(`Catalog ${name} was not found.`);
  return c;
}

function requireDatabase(catalog: DataCatalog, name: string): CatalogDatabase {
  const db = findDatabase(catalog, name);
  if (!db) throw new AwsError("MetadataException", `Database ${name} not found.`);
  return db;
}

function databaseShape(db: CatalogDatabase) {
  return { Name: db.name, Description: db.description ?? "", Parameters: {} };
}

function tableShape(t: CatalogTable, created: number) {
  const col = (c: { name: string; type: string; comment?: string }) => ({
    Name: c.name,
    Type: c.type,
    ...(c.comment ? { Comment: c.comment } : {}),
  });
  return {
    Name: t.name,
    CreateTime: created,
    LastAccessTime: created,
    TableType: t.tableType ?? "EXTERNAL_TABLE",
    Columns: t.columns.map(col),
    PartitionKeys: (t.partitionKeys ?? []).map(col),
    Parameters: {
      ...(t.parameters ?? {}),
      location: `s3://emulator-datasets/${t.location.replace(/^datasets\//, "")}/`,
    },
  };
}

// Athena's Expression is a Hive-style pattern: * wildcards, | alternatives.
function tableFilter(expression: string): (name: string) => boolean {
  const alternatives = expression.split("|").map((p) =>
    p
      .trim()
      .replace(/[.+^${}()[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*"),
  );
  const re = new RegExp(`^(?:${alternatives.join("|")})$`, "i");
  return (name) => re.test(name);
}
