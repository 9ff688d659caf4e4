import { describe, expect, it } from "vitest";
import type { Row } from "@aws-sdk/client-athena";
import { csvField, csvHeaderLine, resultsCsvChunks, resultsCsvStream, withPageRetries } from "./results-csv";
import { toResultColumn } from "./result-columns";

const info = [
  { Name: "id", Type: "bigint" },
  { Name: "user", Type: "varchar" },
];
const row = (...vals: (string | undefined)[]): Row => ({
  Data: vals.map((v) => (v === undefined ? {} : { VarCharValue: v })),
});

/** A fake GetQueryResults over `n` rows, `size` per page, header on the first page (a SELECT). */
function pager(n: number, size: number) {
  const calls: (string | null)[] = [];
  const fetch = async (token: string | null) => {
    calls.push(token);
    const start = token ? Number(token) : 0;
    const rows: Row[] = [];
    if (!token) rows.push(row("id", "user"));
    const end = Math.min(n, start + size - rows.length);
    for (let i = start; i < end; i++) rows.push(row(String(i + 1), i % 7 === 0 ? undefined : `u${i + 1}`));
    return {
      ResultSet: { ResultSetMetadata: { ColumnInfo: info }, Rows: rows },
      NextToken: end < n ? String(end) : undefined,
    };
  };
  return { fetch, calls };
}

describe("csvField", () => {
  const text = toResultColumn({ Name: "t", Type: "varchar" }, 0);
  const num = toResultColumn({ Name: "n", Type: "bigint" }, 0);
  it("keeps NULL and '' apart", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe('""');
  });
  it("quotes commas, quotes, newlines and edge spaces", () => {
    expect(csvField('say "hi", bye')).toBe('"say ""hi"", bye"');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField(" pad")).toBe('" pad"');
    expect(csvField("plain")).toBe("plain");
  });
  it("defuses spreadsheet formulas in text columns but not negative numbers", () => {
    expect(csvField("=HYPERLINK(1)", text)).toBe("'=HYPERLINK(1)");
    expect(csvField("-5", num)).toBe("-5");
  });
});

describe("resultsCsvChunks", () => {
  it("writes the header once and every row of every page, header row of the first page skipped", async () => {
    const { fetch, calls } = pager(2500, 1000);
    let text = "";
    for await (const chunk of resultsCsvChunks(fetch, { statementType: "DML" })) text += chunk;
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("id,user");
    expect(lines).toHaveLength(2501);
    expect(lines[1]).toBe("1,");
    expect(lines[2]).toBe("2,u2");
    expect(lines[2500]).toBe("2500,"); // i = 2499 is a multiple of 7: NULL
    expect(lines[2499]).toBe("2499,u2499");
    expect(calls).toEqual([null, "999", "1999"]);
  });

  it("writes only the header for an empty result", async () => {
    const { fetch } = pager(0, 1000);
    let text = "";
    for await (const chunk of resultsCsvChunks(fetch, { statementType: "DML" })) text += chunk;
    expect(text).toBe("id,user\r\n");
  });
});

describe("resultsCsvStream", () => {
  it("fetches a page only when the reader asks for more", async () => {
    const { fetch, calls } = pager(5000, 1000);
    const reader = (await resultsCsvStream(fetch, { statementType: "DML" })).getReader();
    await reader.read(); // header
    await reader.read(); // page 1 rows
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.length).toBeLessThanOrEqual(2);
    let rest = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value).split("\r\n").filter(Boolean).length;
    }
    expect(calls).toHaveLength(6); // 999 + 4 × 1000 + 1
    expect(rest).toBe(5000 - 999);
  });

  it("stops fetching when the download is cancelled", async () => {
    const { fetch, calls } = pager(100_000, 1000);
    const reader = (await resultsCsvStream(fetch, { statementType: "DML" })).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.length).toBeLessThanOrEqual(2);
  });
});

describe("CSV under Athena errors", () => {
  const serverError = () =>
    Object.assign(new Error("boom"), { name: "InternalServerException", $metadata: { httpStatusCode: 500 } });

  it("escapes formulas in the header row like in data cells", () => {
    expect(csvHeaderLine(['=HYPERLINK("http://x")', "n", "@cmd"])).toBe(`"'=HYPERLINK(""http://x"")",n,'@cmd\r\n`);
  });

  it("fails before streaming when the first page cannot be read", async () => {
    await expect(resultsCsvStream(() => Promise.reject(serverError()), { statementType: "DML" })).rejects.toThrow(
      "boom",
    );
  });

  it("retries a failing page with backoff and completes the file", async () => {
    const { fetch } = pager(2500, 1000);
    let failures = 2;
    const flaky = (token: string | null) =>
      token === "999" && failures-- > 0 ? Promise.reject(serverError()) : fetch(token);
    let text = "";
    for await (const chunk of resultsCsvChunks(withPageRetries(flaky, [1, 1]), { statementType: "DML" })) text += chunk;
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2501);
  });

  it("errors the stream (never a clean end) when a page in the middle still fails", async () => {
    const { fetch } = pager(5000, 1000);
    const broken = (token: string | null) => (token === "2999" ? Promise.reject(serverError()) : fetch(token));
    const reader = (await resultsCsvStream(withPageRetries(broken, [1]), { statementType: "DML" })).getReader();
    let rows = 0;
    const read = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "clean end";
        rows += new TextDecoder().decode(value).split("\r\n").filter(Boolean).length;
      }
    };
    await expect(read()).rejects.toThrow("boom");
    expect(rows).toBe(1 + 2999);
  });
});
