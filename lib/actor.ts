// The actor seam: every write names who made it. Until sign-in exists, that is one fixed local operator;
// replacing this function (reading a session) is the only change sign-in needs for attribution.

export interface Actor {
  /** Stable identifier stored in created_by / updated_by. */
  id: string;
  /** What pages show. */
  displayName: string;
}

export const LOCAL_OPERATOR: Actor = Object.freeze({ id: "local-operator", displayName: "Local operator" });

/** The operator making the current request. */
export async function currentActor(): Promise<Actor> {
  return LOCAL_OPERATOR;
}
