import { Button } from "@/components/ui/button";

/** A plain form: signing out works without JavaScript, and the route refuses other sites' posts. */
export function SignOutButton({ variant = "ghost" }: { variant?: "ghost" | "secondary" }) {
  return (
    <form method="post" action="/auth/signout">
      <Button type="submit" variant={variant}>
        Sign out
      </Button>
    </form>
  );
}
