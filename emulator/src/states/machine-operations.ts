// State machine operations: Create/Update/Describe/List/Delete and ValidateStateMachineDefinition.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { Operation } from "../core/types";
import { Violations } from "../core/validation";
import {
  assertRoleArn,
  assertValidName,
  parseExecutionArn,
  parseStateMachineArn,
  stateMachineArn,
  type MachineType,
} from "./arns";
import { invalidDefinitionMessage, validateDefinition } from "./definition-validation";
import { decodeToken, encodeToken, pageSize } from "./paging";
import { booleanMember, enumMember, objectMember, type StatesContext } from "./service-context";
import type { MachineRecord } from "./store";
import { readTagList, TAG_LIMIT } from "./tag-operations";

const TYPES = ["STANDARD", "EXPRESS"] as const;
const LOG_LEVELS = ["ALL", "ERROR", "FATAL", "OFF"] as const;
const MAX_DEFINITION = 1_048_576;

/** Throws InvalidDefinition (with AWS-style diagnostics in the message) unless the definition is valid. */
function assertValidDefinition(definition: string): void {
  const result = validateDefinition(definition);
  if (!result.ok) throw new AwsError("InvalidDefinition", invalidDefinitionMessage(result.diagnostics));
}

function loggingConfiguration(value: unknown): Record<string, unknown> {
  const given = objectMember(value, "loggingConfiguration") ?? {};
  const v = new Violations();
  const level = enumMember(v, given.level, "loggingConfiguration.level", LOG_LEVELS) ?? "OFF";
  v.throwIfAny();
  const destinations = Array.isArray(given.destinations) ? given.destinations : [];
  if (level !== "OFF" && destinations.length !== 1) {
    throw new AwsError(
      "InvalidLoggingConfiguration",
      "Invalid Logging Configuration: Must specify exactly one Log Destination.",
    );
  }
  return {
    level,
    includeExecutionData: given.includeExecutionData === true,
    ...(destinations.length ? { destinations } : {}),
  };
}

function tracingConfiguration(value: unknown): Record<string, unknown> {
  const given = objectMember(value, "tracingConfiguration") ?? {};
  return { enabled: booleanMember(given.enabled, "tracingConfiguration.enabled") ?? false };
}

function encryptionConfiguration(value: unknown): Record<string, unknown> {
  const given = objectMember(value, "encryptionConfiguration") ?? {};
  const v = new Violations();
  const type = enumMember(v, given.type, "encryptionConfiguration.type", [
    "AWS_OWNED_KEY",
    "CUSTOMER_MANAGED_KMS_KEY",
  ] as const);
  v.throwIfAny();
  if (type === "CUSTOMER_MANAGED_KMS_KEY") {
    throw new AwsError(
      "InvalidEncryptionConfiguration",
      "Invalid Encryption Configuration: customer managed KMS keys are not supported by this emulator.",
    );
  }
  return { type: "AWS_OWNED_KEY" };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The machine named by `arn`, or StateMachineDoesNotExist. */
export function requireMachine(ctx: StatesContext, arnValue: unknown, field = "stateMachineArn"): MachineRecord {
  const { arn } = parseStateMachineArn(arnValue, field);
  const machine = ctx.store.machines.get(arn);
  if (!machine) throw new AwsError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

/** The state machine operations, keyed by AWS operation name. */
export function machineOperations(ctx: StatesContext): Record<string, Operation> {
  const { store, config } = ctx;

  const CreateStateMachine: Operation = (input) => {
    const v = new Violations();
    const name = v.string(input.name, "name", { required: true, min: 1, max: 80 });
    const definition = v.string(input.definition, "definition", { required: true, min: 1, max: MAX_DEFINITION });
    const roleArn = v.string(input.roleArn, "roleArn", { required: true, min: 1, max: 256 });
    const type: MachineType = enumMember(v, input.type, "type", TYPES) ?? "STANDARD";
    v.string(input.versionDescription, "versionDescription", { max: 256 });
    const tags = readTagList(v, input.tags, "tags");
    v.throwIfAny();
    assertValidName(name!, "state machine");
    assertRoleArn(roleArn);
    assertValidDefinition(definition!);
    if (tags && Object.keys(tags).length > TAG_LIMIT) {
      throw new AwsError("TooManyTags", `Too many tags: the limit is ${TAG_LIMIT} per resource`, 400, {
        resourceName: name,
      });
    }
    const logging = loggingConfiguration(input.loggingConfiguration);
    const tracing = tracingConfiguration(input.tracingConfiguration);
    const encryption = encryptionConfiguration(input.encryptionConfiguration);
    booleanMember(input.publish, "publish");

    const arn = stateMachineArn(config.region, config.accountId, name!);
    const existing = store.machines.get(arn);
    if (existing) {
      // Idempotent on identical configuration; roleArn and tags differences are ignored, as AWS does.
      const same =
        existing.definition === definition &&
        existing.type === type &&
        sameJson(existing.loggingConfiguration, logging) &&
        sameJson(existing.tracingConfiguration, tracing) &&
        sameJson(existing.encryptionConfiguration ?? { type: "AWS_OWNED_KEY" }, encryption);
      if (!same) throw new AwsError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`);
      return { stateMachineArn: arn, creationDate: existing.creationDate };
    }
    const machine: MachineRecord = {
      arn,
      name: name!,
      type,
      definition: definition!,
      roleArn: roleArn!,
      creationDate: Date.now() / 1000,
      revisionId: randomUUID(),
      loggingConfiguration: logging,
      tracingConfiguration: tracing,
      encryptionConfiguration: encryption,
      tags: tags ?? {},
    };
    store.putMachine(machine);
    return { stateMachineArn: arn, creationDate: machine.creationDate };
  };

  const UpdateStateMachine: Operation = (input) => {
    const v = new Violations();
    v.string(input.stateMachineArn, "stateMachineArn", { required: true, min: 1, max: 256 });
    const definition = v.string(input.definition, "definition", { min: 1, max: MAX_DEFINITION });
    const roleArn = v.string(input.roleArn, "roleArn", { min: 1, max: 256 });
    v.throwIfAny();
    const machine = requireMachine(ctx, input.stateMachineArn);
    const touched = [
      "definition",
      "roleArn",
      "loggingConfiguration",
      "tracingConfiguration",
      "encryptionConfiguration",
    ].some((k) => input[k] !== undefined && input[k] !== null);
    if (!touched) {
      throw new AwsError(
        "MissingRequiredParameter",
        "Either the definition, roleArn, loggingConfiguration, tracingConfiguration or encryptionConfiguration must be specified",
      );
    }
    if (roleArn !== undefined) assertRoleArn(roleArn);
    if (definition !== undefined) assertValidDefinition(definition);
    const updated: MachineRecord = {
      ...machine,
      ...(definition !== undefined ? { definition } : {}),
      ...(roleArn !== undefined ? { roleArn } : {}),
      ...(input.loggingConfiguration ? { loggingConfiguration: loggingConfiguration(input.loggingConfiguration) } : {}),
      ...(input.tracingConfiguration ? { tracingConfiguration: tracingConfiguration(input.tracingConfiguration) } : {}),
      ...(input.encryptionConfiguration
        ? { encryptionConfiguration: encryptionConfiguration(input.encryptionConfiguration) }
        : {}),
      updateDate: Date.now() / 1000,
      revisionId: randomUUID(),
    };
    store.putMachine(updated);
    return { updateDate: updated.updateDate, revisionId: updated.revisionId };
  };

  const describe = (m: MachineRecord) => ({
    stateMachineArn: m.arn,
    name: m.name,
    status: "ACTIVE",
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: m.creationDate,
    loggingConfiguration: m.loggingConfiguration,
    tracingConfiguration: m.tracingConfiguration,
    encryptionConfiguration: m.encryptionConfiguration ?? { type: "AWS_OWNED_KEY" },
    revisionId: m.revisionId,
  });

  const DescribeStateMachine: Operation = (input) => {
    const v = new Violations();
    v.string(input.stateMachineArn, "stateMachineArn", { required: true, min: 1, max: 256 });
    enumMember(v, input.includedData, "includedData", ["ALL_DATA", "METADATA_ONLY"] as const);
    v.throwIfAny();
    return describe(requireMachine(ctx, input.stateMachineArn));
  };

  // The machine an execution ran; the definition shown is the current one (versions are not emulated).
  const DescribeStateMachineForExecution: Operation = (input) => {
    const arn = parseExecutionArn(input.executionArn);
    const summary = store.executions.get(arn);
    if (!summary) throw new AwsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    const m = store.machines.get(summary.stateMachineArn);
    if (!m) throw new AwsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    const {
      status: _status,
      creationDate: _created,
      type: _type,
      encryptionConfiguration: _enc,
      ...rest
    } = describe(m);
    return { ...rest, updateDate: m.updateDate ?? m.creationDate };
  };

  const ListStateMachines: Operation = (input) => {
    const v = new Violations();
    const max = v.integer(input.maxResults, "maxResults", { min: 0, max: 1000 });
    const token = v.string(input.nextToken, "nextToken", { min: 1, max: 1024 });
    v.throwIfAny();
    const size = pageSize(max, 100);
    const after = token !== undefined ? String(decodeToken<{ after?: unknown }>(token, "machines").after) : undefined;
    const sorted = [...store.machines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const remaining = after === undefined ? sorted : sorted.filter((m) => m.name > after);
    const page = remaining.slice(0, size);
    const last = page[page.length - 1];
    return {
      stateMachines: page.map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: m.type,
        creationDate: m.creationDate,
      })),
      ...(remaining.length > size && last ? { nextToken: encodeToken("machines", { after: last.name }) } : {}),
    };
  };

  const DeleteStateMachine: Operation = (input) => {
    const v = new Violations();
    v.string(input.stateMachineArn, "stateMachineArn", { required: true, min: 1, max: 256 });
    v.throwIfAny();
    const { arn } = parseStateMachineArn(input.stateMachineArn);
    if (store.machines.has(arn)) {
      ctx.manager.stopAllOf(arn);
      store.deleteMachine(arn);
    }
    return {};
  };

  const ValidateStateMachineDefinition: Operation = (input) => {
    const v = new Violations();
    const definition = v.string(input.definition, "definition", { required: true, min: 1, max: MAX_DEFINITION });
    enumMember(v, input.type, "type", TYPES);
    const severity = enumMember(v, input.severity, "severity", ["ERROR", "WARNING"] as const) ?? "ERROR";
    const max = v.integer(input.maxResults, "maxResults", { min: 0, max: 100 });
    v.throwIfAny();
    const result = validateDefinition(definition!);
    const shown = result.diagnostics.filter((d) => severity === "WARNING" || d.severity === "ERROR");
    const limit = pageSize(max, 100);
    return {
      result: result.ok ? "OK" : "FAIL",
      diagnostics: shown.slice(0, limit).map((d) => ({
        severity: d.severity,
        code: d.code,
        message: d.message,
        ...(d.location ? { location: d.location } : {}),
      })),
      truncated: shown.length > limit,
    };
  };

  return {
    CreateStateMachine,
    UpdateStateMachine,
    DescribeStateMachine,
    DescribeStateMachineForExecution,
    ListStateMachines,
    DeleteStateMachine,
    ValidateStateMachineDefinition,
  };
}
