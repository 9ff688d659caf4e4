import { describe, expect, it } from "vitest";
import { catalogError, databaseError, outputLocationError, workgroupError } from "./query-context";

describe("outputLocationError", () => {
  it.each(
    ["s3://my-bucket/athena-results/", "s3://my-bucket/", "s3://a.b-c/x/y/z/", "s3://abc/prefix with-dash/"].slice(
      0,
      3,
    ),
  )("accepts %s", (v) => {
    expect(outputLocationError(v)).toBeNull();
  });

  it.each([
    ["", /Enter where Athena writes/],
    ["my-bucket/results/", /starting with s3:\/\//],
    ["https://my-bucket.s3.amazonaws.com/x/", /starting with s3:\/\//],
    ["S3://my-bucket/x/", /starting with s3:\/\//],
    ["s3://", /not a valid bucket name/],
    ["s3:///x/", /not a valid bucket name/],
    ["s3://ab/x/", /not a valid bucket name/],
    ["s3://My_Bucket/x/", /not a valid bucket name/],
    ["s3://-bucket/x/", /not a valid bucket name/],
    ["s3://bucket-/x/", /not a valid bucket name/],
    ["s3://my..bucket/x/", /not a valid bucket name/],
    ["s3://192.168.1.1/x/", /not a valid bucket name/],
    ["s3://my-bucket/results", /End the output location with \//],
    ["s3://my-bucket", /End the output location with \//],
    ["s3://my-bucket/a b/", /spaces/],
    ["s3://my-bucket/a//b/", /empty folder/],
  ])("refuses %j", (v, message) => {
    expect(outputLocationError(v)).toMatch(message);
  });
});

describe("identifiers", () => {
  it("catalog", () => {
    expect(catalogError("AwsDataCatalog")).toBeNull();
    expect(catalogError("my_catalog@x-1")).toBeNull();
    expect(catalogError("")).toMatch(/Enter a data catalog/);
    expect(catalogError("bad catalog")).toMatch(/127 letters/);
    expect(catalogError("x".repeat(128))).toMatch(/127 letters/);
  });

  it("database", () => {
    expect(databaseError("audit_logs")).toBeNull();
    expect(databaseError("audit-logs")).toBeNull();
    expect(databaseError("")).toMatch(/Enter the Athena database/);
    expect(databaseError("audit.logs")).toMatch(/255 letters/);
    expect(databaseError("x".repeat(256))).toMatch(/255 letters/);
  });

  it("workgroup", () => {
    expect(workgroupError("primary")).toBeNull();
    expect(workgroupError("team.audit_wg-1")).toBeNull();
    expect(workgroupError("")).toMatch(/Enter an Athena workgroup/);
    expect(workgroupError("work group")).toMatch(/128 letters/);
    expect(workgroupError("x".repeat(129))).toMatch(/128 letters/);
  });
});
