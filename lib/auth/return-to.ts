// Where to go after sign-in: only a path on this console (an open redirect would send a fresh session elsewhere).

export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/checks";
  if (value.startsWith("/auth/") || value.startsWith("/signin")) return "/checks";
  return value;
}
