// The ECS builder's form fields (as typed) → field errors and the pattern text it shows and saves.
import { buildEcsStoppedPattern, clusterArnError } from "./ecs-pattern";
import { formatPatternJson } from "./pattern-format";
import type { FieldErrors } from "./schema";

export interface EcsFields {
  clusterArn: string;
  command: string;
  exitCode: string;
}

const EXIT_CODE = /^-?\d+$/;

/** Problems with the builder's own fields (the server sees only the pattern they produce). */
export function ecsFieldErrors(f: EcsFields): FieldErrors {
  const out: FieldErrors = {};
  const arn = clusterArnError(f.clusterArn);
  if (arn) out.clusterArn = [arn];
  if (f.exitCode.trim() !== "" && !EXIT_CODE.test(f.exitCode.trim()))
    out.exitCode = ["An exit code is a whole number, e.g. 0."];
  return out;
}

/** The pattern text the builder produces (pretty-printed, as the preview shows it). Empty fields match anything. */
export function ecsPatternText(f: EcsFields): string {
  const exit = f.exitCode.trim();
  return formatPatternJson(
    buildEcsStoppedPattern({
      clusterArn: f.clusterArn.trim(),
      command: f.command.trim() === "" ? null : f.command.trim(),
      exitCode: exit === "" || !EXIT_CODE.test(exit) ? null : Number(exit),
    }),
  );
}
