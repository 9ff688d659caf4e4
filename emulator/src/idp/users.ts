// The demo users of the local identity provider. Each is in the group of its own name, like a Cognito user pool
// whose groups are named after the console's roles.

export interface DemoUser {
  sub: string;
  username: string;
  name: string;
  email: string;
  groups: string[];
}

export const DEMO_USERS: readonly DemoUser[] = Object.freeze(
  (["admin", "operator", "viewer"] as const).map((username) => ({
    sub: `demo-${username}`,
    username,
    name: `Demo ${username}`,
    email: `${username}@example.com`,
    groups: [username],
  })),
);

export function findDemoUser(sub: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.sub === sub);
}
