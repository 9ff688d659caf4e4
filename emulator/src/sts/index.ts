// AWS STS (query protocol, API version 2011-06-15): GetCallerIdentity only. Signatures are not verified, so every
// caller is the emulator account's root-like user `arn:aws:iam::<account>:user/emulator` whatever its keys.
import type { ServiceDefinition, ServiceDeps } from "../core/types";

export function createStsService(deps: ServiceDeps): ServiceDefinition {
  let calls = 0;
  return {
    name: "sts",
    targetPrefix: "AWSSecurityTokenServiceV20110615",
    jsonVersion: "1.0",
    query: { version: "2011-06-15", xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/" },
    operations: {
      GetCallerIdentity(_input, ctx) {
        calls++;
        return {
          UserId: "AIDAEMULATOREMULATOR",
          Account: ctx.accountId,
          Arn: `arn:aws:iam::${ctx.accountId}:user/emulator`,
        };
      },
    },
    health() {
      return { callerIdentityCalls: calls, account: deps.config.accountId };
    },
  };
}
