// The schema browser's metadata: catalogs → databases → tables (columns and partition keys), read from Athena's
// ListDataCatalogs, ListDatabases and ListTableMetadata, every NextToken followed.
import "server-only";
import {
  ListDataCatalogsCommand,
  ListDatabasesCommand,
  ListTableMetadataCommand,
  type Column,
} from "@aws-sdk/client-athena";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { WorkbenchError } from "./queries";
import type { SchemaCatalog, SchemaColumn, SchemaDatabase, SchemaTable } from "./schema-types";

// 50 per page (Athena's maximum): 200 pages is 10,000 tables, far past what a browser list should hold.
const MAX_PAGES = 200;

async function allPages<T>(what: string, page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>) {
  const out: T[] = [];
  let token: string | undefined;
  try {
    for (let i = 0; i < MAX_PAGES; i++) {
      const { items, next } = await page(token);
      out.push(...items);
      if (!next) return out;
      token = next;
    }
    return out;
  } catch (error) {
    const info = describeAwsError(error);
    throw new WorkbenchError(
      info.throttling
        ? `Athena is throttling requests (${info.code}) while listing ${what}. Wait a moment, then refresh.`
        : `Athena could not list ${what}: ${info.message} (${info.code})`,
    );
  }
}

export async function listCatalogs(): Promise<SchemaCatalog[]> {
  const { athena } = awsClients();
  return allPages("the data catalogs", async (NextToken) => {
    const out = await athena.send(new ListDataCatalogsCommand({ NextToken, MaxResults: 50 }));
    return {
      items: (out.DataCatalogsSummary ?? []).map((c) => ({ name: c.CatalogName ?? "", type: c.Type ?? null })),
      next: out.NextToken,
    };
  });
}

export async function listDatabases(catalog: string): Promise<SchemaDatabase[]> {
  const { athena } = awsClients();
  return allPages(`the databases of ${catalog}`, async (NextToken) => {
    const out = await athena.send(new ListDatabasesCommand({ CatalogName: catalog, NextToken, MaxResults: 50 }));
    return {
      items: (out.DatabaseList ?? []).map((d) => ({ name: d.Name ?? "", description: d.Description ?? null })),
      next: out.NextToken,
    };
  });
}

const column =
  (partitionKey: boolean) =>
  (c: Column): SchemaColumn => ({
    name: c.Name ?? "",
    type: c.Type ?? "unknown",
    partitionKey,
    comment: c.Comment ?? null,
  });

async function tablePage(catalog: string, database: string, NextToken: string | undefined) {
  const out = await awsClients().athena.send(
    new ListTableMetadataCommand({ CatalogName: catalog, DatabaseName: database, NextToken, MaxResults: 50 }),
  );
  return {
    items: (out.TableMetadataList ?? []).map((t): SchemaTable => ({
      name: t.Name ?? "",
      type: t.TableType ?? null,
      columns: [...(t.Columns ?? []).map(column(false)), ...(t.PartitionKeys ?? []).map(column(true))],
    })),
    next: out.NextToken,
  };
}

export async function listTables(catalog: string, database: string): Promise<SchemaTable[]> {
  return allPages(`the tables of ${catalog}.${database}`, (token) => tablePage(catalog, database, token));
}

// A slice of a database's tables per call: the browser shows the first slice at once and asks for the rest while
// the operator reads (a database of 5,000 tables is 100 ListTableMetadata pages).
const PAGES_PER_SLICE = 10;

/** Up to PAGES_PER_SLICE pages of tables from `token` on, and the token of the next slice (null at the end). */
export async function listTablesSlice(
  catalog: string,
  database: string,
  token: string | null,
  pages = PAGES_PER_SLICE,
): Promise<{ tables: SchemaTable[]; next: string | null }> {
  const tables: SchemaTable[] = [];
  let next: string | undefined = token ?? undefined;
  try {
    for (let i = 0; i < pages; i++) {
      const page = await tablePage(catalog, database, next);
      tables.push(...page.items);
      next = page.next;
      if (!next) break;
    }
  } catch (error) {
    const info = describeAwsError(error);
    throw new WorkbenchError(
      info.throttling
        ? `Athena is throttling requests (${info.code}) while listing the tables of ${catalog}.${database}. Wait a moment, then refresh.`
        : `Athena could not list the tables of ${catalog}.${database}: ${info.message} (${info.code})`,
    );
  }
  return { tables, next: next ?? null };
}
