// A check's slug names its AWS resources (rule `<prefix><slug>`, target id), so it is ASCII and short.

/** Rule-name prefix used when the environment sets none. */
export const DEFAULT_RULE_PREFIX = "audit-check-";
/** EventBridge's rule-name limit. */
export const RULE_NAME_MAX = 64;

export const SLUG_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The longest slug that still fits `prefix + slug` into a rule name. */
export function maxSlugLength(rulePrefix: string = DEFAULT_RULE_PREFIX): number {
  return Math.max(1, RULE_NAME_MAX - rulePrefix.length);
}

// Letters NFKD does not decompose into ASCII.
const TRANSLITERATE: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "TH",
  ı: "i",
  "&": " and ",
};

/** 8 hex digits of FNV-1a over the UTF-16 code units: short, stable, no crypto needed. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * The slug a name suggests: transliterated, lower-case, dashes between words, cut to fit the rule
 * name. A name with no Latin letters or digits (e.g. Japanese only) becomes `check-<hash>`.
 */
export function slugFromName(name: string, rulePrefix: string = DEFAULT_RULE_PREFIX): string {
  const max = maxSlugLength(rulePrefix);
  const ascii = [...name.normalize("NFKD")]
    .map((ch) => TRANSLITERATE[ch] ?? ch)
    .join("")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const slug = ascii.slice(0, max).replace(/-+$/, "");
  if (slug !== "") return slug;
  return name.trim() === "" ? "" : `check-${shortHash(name.trim())}`.slice(0, max);
}

/** Why `slug` cannot be used, or null. Uniqueness is the database's job. */
export function slugError(slug: string, rulePrefix: string = DEFAULT_RULE_PREFIX): string | null {
  if (slug === "") return "Enter a slug: it names the check's AWS resources.";
  if (!SLUG_PATTERN.test(slug)) return "Use only letters A–Z, digits, - and _ in the slug.";
  const max = maxSlugLength(rulePrefix);
  if (slug.length > max) {
    return `The slug is ${slug.length} characters; at most ${max} fit, because the rule name “${rulePrefix}<slug>” is limited to ${RULE_NAME_MAX}.`;
  }
  return null;
}
