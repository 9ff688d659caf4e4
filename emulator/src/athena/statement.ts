// What kind of statement a query is, as Athena reports it (StatementType + SubstatementType), decided from
// its leading keywords.
import { significant, tokenize, type Token } from "./trino/tokenizer";

export type StatementType = "DDL" | "DML" | "UTILITY";

export interface StatementKind {
  statementType: StatementType;
  /** Athena's SubstatementType, e.g. SELECT, SHOW_TABLES, MSCK_REPAIR_TABLE. */
  substatementType: string;
  /** How the emulator runs it. */
  handler:
    | "query"
    | "show-tables"
    | "show-databases"
    | "show-partitions"
    | "show-columns"
    | "describe"
    | "noop-ddl"
    | "unsupported";
  /** Table or database named by a utility/DDL statement ([db, table] or [table]). */
  target?: string[];
  /** LIKE pattern of SHOW TABLES / SHOW DATABASES. */
  like?: string;
}

/** Classifies a single statement by its first keywords. */
export function classifyStatement(sql: string): StatementKind {
  const tokens = significant(tokenize(sql)).filter((t) => !(t.kind === "punct" && t.text === ";"));
  const word = (i: number) => (tokens[i]?.kind === "ident" ? tokens[i]!.text.toUpperCase() : (tokens[i]?.text ?? ""));
  const first = word(0);
  switch (first) {
    case "SELECT":
    case "WITH":
    case "VALUES":
    case "TABLE":
    case "(":
      return { statementType: "DML", substatementType: "SELECT", handler: "query" };
    case "INSERT":
    case "UPDATE":
    case "DELETE":
    case "MERGE":
    case "UNLOAD":
      return { statementType: "DML", substatementType: first, handler: "unsupported" };
    case "SHOW": {
      const second = word(1);
      if (second === "TABLES") {
        const inIdx = ["IN", "FROM"].includes(word(2)) ? 3 : -1;
        const likeIdx = tokens.findIndex((t) => t.kind === "ident" && t.text.toUpperCase() === "LIKE");
        return {
          statementType: "UTILITY",
          substatementType: "SHOW_TABLES",
          handler: "show-tables",
          target: inIdx > 0 ? [name(tokens[inIdx])] : undefined,
          like: likeIdx > 0 ? stringValue(tokens[likeIdx + 1]) : stringValue(tokens[inIdx > 0 ? 4 : 2]),
        };
      }
      if (second === "DATABASES" || second === "SCHEMAS") {
        const likeIdx = tokens.findIndex((t) => t.kind === "ident" && t.text.toUpperCase() === "LIKE");
        return {
          statementType: "UTILITY",
          substatementType: "SHOW_DATABASES",
          handler: "show-databases",
          like: likeIdx > 0 ? stringValue(tokens[likeIdx + 1]) : undefined,
        };
      }
      if (second === "PARTITIONS")
        return {
          statementType: "UTILITY",
          substatementType: "SHOW_PARTITIONS",
          handler: "show-partitions",
          target: qualifiedName(tokens, 2),
        };
      if (second === "COLUMNS")
        return {
          statementType: "UTILITY",
          substatementType: "SHOW_COLUMNS",
          handler: "show-columns",
          target: qualifiedName(tokens, 3),
        };
      return { statementType: "UTILITY", substatementType: `SHOW_${second}`, handler: "unsupported" };
    }
    case "DESCRIBE":
    case "DESC":
      return {
        statementType: "UTILITY",
        substatementType: "DESCRIBE_TABLE",
        handler: "describe",
        target: qualifiedName(tokens, 1),
      };
    case "EXPLAIN":
      return { statementType: "UTILITY", substatementType: "EXPLAIN", handler: "unsupported" };
    case "MSCK":
      return {
        statementType: "DDL",
        substatementType: "MSCK_REPAIR_TABLE",
        handler: "noop-ddl",
        target: qualifiedName(tokens, 3),
      };
    case "ALTER":
      if (
        word(1) === "TABLE" &&
        tokens
          .slice(2)
          .some((t, i) => t.text.toUpperCase() === "ADD" && tokens[i + 3]?.text.toUpperCase() === "PARTITION")
      ) {
        return {
          statementType: "DDL",
          substatementType: "ALTER_TABLE_ADD_PARTITION",
          handler: "noop-ddl",
          target: qualifiedName(tokens, 2),
        };
      }
      return { statementType: "DDL", substatementType: `ALTER_${word(1)}`, handler: "unsupported" };
    case "CREATE":
    case "DROP":
      return {
        statementType: "DDL",
        substatementType: `${first}_${word(1) === "EXTERNAL" ? word(2) : word(1)}`,
        handler: "unsupported",
      };
    default:
      return { statementType: "DML", substatementType: "SELECT", handler: "query" };
  }
}

function name(token: Token | undefined): string {
  if (!token) return "";
  return token.kind === "qident" ? token.text.slice(1, -1).toLowerCase() : token.text.toLowerCase();
}

function stringValue(token: Token | undefined): string | undefined {
  return token?.kind === "string" ? token.text.slice(1, -1).replace(/''/g, "'") : undefined;
}

// `db.table` or `table` starting at index i (catalog prefix dropped).
function qualifiedName(tokens: Token[], i: number): string[] {
  const parts: string[] = [];
  for (let k = i; k < tokens.length; k += 2) {
    const t = tokens[k];
    if (!t || (t.kind !== "ident" && t.kind !== "qident")) break;
    parts.push(name(t));
    if (tokens[k + 1]?.text !== ".") break;
  }
  return parts.slice(-2);
}
