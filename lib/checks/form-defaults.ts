// The draft a new check starts from. The query context comes from the environment (the server passes it in).
import type { CheckDraft } from "./schema";

export interface QueryContextDefaults {
  catalog: string;
  database: string;
  workgroup: string;
  outputLocation: string;
}

export function newCheckDraft(defaults: QueryContextDefaults): CheckDraft {
  return {
    name: "",
    slug: "",
    description: "",
    sql: "",
    ...defaults,
    parameters: [],
    trigger: { kind: "schedule", expression: "" },
    expectation: { kind: "noRows" },
    findingKeys: "",
    enabled: true,
    snapshotPolicy: { maxRows: "", maxMegabytes: "", retentionDays: "" },
  };
}
