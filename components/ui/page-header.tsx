import type { ReactNode } from "react";
import { BackLink } from "./back-link";

/**
 * A page's title block: an optional back link to the parent page, the title, an optional description and whatever
 * the page adds under it (badges), with the page's actions on the right.
 */
export function PageHeader({
  title,
  description,
  back,
  actions,
  actionsAlign = "end",
  titleClassName = "text-xl",
  titleTestId,
  narrow = false,
  fill = false,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  back?: { href: string; label: ReactNode };
  actions?: ReactNode;
  /** Where the actions sit against a tall title block: level with its last line or with the title. */
  actionsAlign?: "start" | "end";
  /** Size and face of the title (an execution's name is a long monospaced id). */
  titleClassName?: string;
  titleTestId?: string;
  /** Keeps a long description to a readable line length. */
  narrow?: boolean;
  /**
   * The title block takes the row and wraps anywhere (a long name without spaces); the actions move under it only
   * when less than 24rem would be left. Without it the actions move under a title block that does not fit beside them.
   */
  fill?: boolean;
  children?: ReactNode;
}) {
  return (
    <div>
      {back ? <BackLink href={back.href}>{back.label}</BackLink> : null}
      <div
        className={`flex flex-wrap justify-between gap-4 ${actionsAlign === "start" ? "items-start" : "items-end"} ${back ? "mt-1" : ""}`}
      >
        <div className={fill ? "min-w-0 flex-1 basis-sm" : "min-w-0"}>
          <h1
            className={`font-semibold tracking-tight ${fill ? "wrap-anywhere" : ""} ${titleClassName}`}
            data-testid={titleTestId}
          >
            {title}
          </h1>
          {description ? (
            <p className={`mt-1 text-sm text-zinc-600 ${fill ? "wrap-anywhere" : ""} ${narrow ? "max-w-3xl" : ""}`}>
              {description}
            </p>
          ) : null}
          {children}
        </div>
        {actions}
      </div>
    </div>
  );
}
