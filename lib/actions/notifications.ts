"use server";
// Notification destinations (admin), a check's notification rules (operator) and Send test (operator). Each save
// is recorded with the change, then applied to AWS right away; the outcome of that comes back as a sentence.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setCheckNotifications } from "@/lib/db/check-notifications";
import { deleteDestination } from "@/lib/db/notification-destinations";
import { checkNotificationsSchema } from "@/lib/notifications/schema";
import {
  applyNotificationsNow,
  destinationFormSchema,
  saveDestination,
  saveNewDestination,
  sendTest,
  type TestOutcome,
  type WiringOutcome,
} from "@/lib/notifications/service";
import { defineAction } from "./client";
import { ActionError } from "./errors";
import type { ActionResult } from "./result";

export interface SavedDestination {
  id: string;
  name: string;
  wiring: WiringOutcome;
}

const create = defineAction({
  name: "notification.createDestination",
  input: z.object({ draft: z.unknown() }),
  handler: async ({ draft }, { actor }): Promise<SavedDestination> => {
    const parsed = destinationFormSchema(false).safeParse(draft);
    if (!parsed.success) throw parsed.error;
    const saved = await saveNewDestination(parsed.data, actor);
    const wiring = await applyNotificationsNow();
    revalidatePath("/notifications");
    return { id: saved.id, name: saved.name, wiring };
  },
});

const update = defineAction({
  name: "notification.updateDestination",
  input: z.object({ id: z.uuid(), expectedVersion: z.number().int().min(1), draft: z.unknown() }),
  handler: async ({ id, expectedVersion, draft }, { actor }): Promise<SavedDestination> => {
    const parsed = destinationFormSchema(true).safeParse(draft);
    if (!parsed.success) throw parsed.error;
    const saved = await saveDestination(id, expectedVersion, parsed.data, actor);
    const wiring = await applyNotificationsNow();
    revalidatePath("/notifications");
    return { id: saved.id, name: saved.name, wiring };
  },
});

const remove = defineAction({
  name: "notification.deleteDestination",
  input: z.object({ id: z.uuid() }),
  handler: async ({ id }, { actor }) => {
    const deleted = await deleteDestination(id, actor);
    if (!deleted) throw new ActionError("This destination no longer exists; someone else deleted it.");
    const wiring = await applyNotificationsNow();
    revalidatePath("/notifications");
    return { name: deleted.name, wiring };
  },
});

const setForCheck = defineAction({
  name: "check.setNotifications",
  input: z.object({ checkId: z.uuid(), notifications: checkNotificationsSchema }),
  handler: async ({ checkId, notifications }, { actor }) => {
    await setCheckNotifications(checkId, notifications, actor);
    const wiring = await applyNotificationsNow();
    revalidatePath(`/checks/${checkId}`);
    revalidatePath("/notifications");
    return { wiring };
  },
});

const test = defineAction({
  name: "notification.sendTest",
  input: z.object({ id: z.uuid() }),
  handler: async ({ id }): Promise<TestOutcome> => {
    const outcome = await sendTest(id);
    revalidatePath("/notifications");
    return outcome;
  },
});

// "use server" files may export async functions only.

export async function createDestinationAction(input: { draft: unknown }): Promise<ActionResult<SavedDestination>> {
  return create(input);
}

export async function updateDestinationAction(input: {
  id: string;
  expectedVersion: number;
  draft: unknown;
}): Promise<ActionResult<SavedDestination>> {
  return update(input);
}

export async function deleteDestinationAction(input: {
  id: string;
}): Promise<ActionResult<{ name: string; wiring: WiringOutcome }>> {
  return remove(input);
}

export async function setCheckNotificationsAction(input: {
  checkId: string;
  notifications: unknown;
}): Promise<ActionResult<{ wiring: WiringOutcome }>> {
  return setForCheck(input);
}

export async function sendTestAction(input: { id: string }): Promise<ActionResult<TestOutcome>> {
  return test(input);
}
