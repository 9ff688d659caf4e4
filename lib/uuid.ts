// The one UUID check (check ids are PostgreSQL uuids; any version is accepted, as the database does).
import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const uuidSchema = z.string().regex(UUID, "Not a valid id.");
