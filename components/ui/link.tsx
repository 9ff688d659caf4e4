"use client";

import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * next/link, prefetching when the pointer or keyboard focus reaches the link rather than when it scrolls into view.
 * Every page here is dynamic and signed in, so a prefetch is a server render of the layout with a session lookup:
 * a checks list sent 48 of them per view (its rows, sort headers and the header's sections), about 7 ms of server CPU
 * each, over ten times the cost of the page itself. Hovering comes a moment before the click, which is when the
 * prefetch helps. An explicit `prefetch` prop still decides.
 */
export function Link({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [wanted, setWanted] = useState(false);
  /** Asks for the prefetch, then runs the caller's own handler. */
  const wanting =
    <E,>(own?: (e: E) => void) =>
    (e: E) => {
      setWanted(true);
      own?.(e);
    };
  return (
    <NextLink
      {...props}
      prefetch={prefetch !== undefined ? prefetch : wanted ? null : false}
      onMouseEnter={wanting(onMouseEnter)}
      onFocus={wanting(onFocus)}
      onTouchStart={wanting(onTouchStart)}
    />
  );
}
