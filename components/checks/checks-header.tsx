import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";

/** The checks list's title; the loading view shows it at once so nothing jumps when the rows arrive. */
export function ChecksHeader({ actions }: { actions?: ReactNode }) {
  return (
    <PageHeader
      title="Checks"
      description="Each check is an Athena query with a trigger and an expected result."
      actions={actions}
    />
  );
}
