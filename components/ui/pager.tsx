import { Link } from "./link";
import { buttonClass } from "./button";

interface PagerProps {
  /** What is shown, in words ("51–100 of 155 checks"). */
  summary: React.ReactNode;
  /** The previous and next pages' addresses; null where there is none (the button stays, greyed, so nothing moves). */
  previous: { href: string | null; label: string };
  next: { href: string | null; label: string };
}

/** The line under a paged list: what is shown, and links to the neighbouring pages. */
export function Pager({ summary, previous, next }: PagerProps) {
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600">
      <p className="tabular-nums">{summary}</p>
      <div className="flex gap-2">
        <PagerLink {...previous} rel="prev" />
        <PagerLink {...next} rel="next" />
      </div>
    </nav>
  );
}

function PagerLink({ href, label, rel }: { href: string | null; label: string; rel: "prev" | "next" }) {
  return href ? (
    <Link href={href} className={buttonClass("secondary")} rel={rel}>
      {label}
    </Link>
  ) : (
    <span className={buttonClass("secondary", "pointer-events-none opacity-40")} aria-disabled>
      {label}
    </span>
  );
}
