import type { ReactNode } from "react";

const CARD = "rounded-lg border border-zinc-200 bg-white shadow-xs";

/** The card's frame alone, for an element that is not a plain section (a filter form, a link list). */
export function cardClass(extra = ""): string {
  return `${CARD} ${extra}`;
}

/**
 * A white, bordered block of a page. With a title it gets a header (the title, an optional description, something
 * beside the title such as a live indicator, and actions on the right) and its children below it.
 */
export function Card({
  as: Tag = "section",
  title,
  titleId,
  description,
  beside,
  actions,
  bodyClassName = "mt-3",
  className = "",
  children,
  ...rest
}: {
  as?: "section" | "aside" | "div";
  title?: ReactNode;
  /** Lets the card be labelled by its heading (`aria-labelledby`). */
  titleId?: string;
  description?: ReactNode;
  beside?: ReactNode;
  actions?: ReactNode;
  bodyClassName?: string;
  className?: string;
  children: ReactNode;
  "aria-label"?: string;
  "aria-labelledby"?: string;
  "data-testid"?: string;
}) {
  return (
    <Tag className={cardClass(`p-5 ${className}`)} {...rest}>
      {title === undefined ? (
        children
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex items-center gap-3">
              <div>
                <h2 id={titleId} className="text-base font-semibold text-zinc-900">
                  {title}
                </h2>
                {description ? <p className="mt-0.5 text-sm text-zinc-500">{description}</p> : null}
              </div>
              {beside}
            </div>
            {actions}
          </div>
          <div className={bodyClassName}>{children}</div>
        </>
      )}
    </Tag>
  );
}

/** The dashed box a list shows instead of its table when there is nothing to list. */
export function EmptyState({ className = "py-12", children }: { className?: string; children: ReactNode }) {
  return (
    <div className={`rounded-lg border border-dashed border-zinc-300 bg-white px-6 text-center ${className}`}>
      {children}
    </div>
  );
}
