// Where a check's query runs: Athena catalog, database, workgroup and the S3 folder for results.

const CATALOG = /^[A-Za-z0-9_@-]{1,127}$/;
const DATABASE = /^[A-Za-z0-9_-]{1,255}$/;
const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function catalogError(v: string): string | null {
  if (v === "") return "Enter a data catalog, usually AwsDataCatalog.";
  return CATALOG.test(v) ? null : "A catalog name has up to 127 letters, digits, _, @ or -.";
}

export function databaseError(v: string): string | null {
  if (v === "") return "Enter the Athena database that holds the tables the query reads.";
  return DATABASE.test(v) ? null : "A database name has up to 255 letters, digits, _ or -.";
}

export function workgroupError(v: string): string | null {
  if (v === "") return "Enter an Athena workgroup, e.g. primary.";
  return WORKGROUP.test(v) ? null : "A workgroup name has up to 128 letters, digits, ., _ or -.";
}

/** Why `v` is not an S3 folder URI (`s3://bucket/prefix/`) Athena can write results to, or null. */
export function outputLocationError(v: string): string | null {
  if (v === "") return "Enter where Athena writes results, e.g. s3://my-bucket/athena-results/.";
  if (!v.startsWith("s3://"))
    return "The output location must be an S3 URI starting with s3://, e.g. s3://my-bucket/athena-results/.";
  const rest = v.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (!BUCKET.test(bucket) || bucket.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    return `“${bucket}” is not a valid bucket name: 3–63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit.`;
  }
  if (!v.endsWith("/")) return "End the output location with / : Athena writes result files into that folder.";
  if (/\s/.test(v)) return "The output location cannot contain spaces.";
  if (rest.slice(slash + 1).includes("//")) return "The output location has an empty folder name (//).";
  return null;
}
