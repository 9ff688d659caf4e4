// Flat config: Next's recommended rules (React, hooks, Core Web Vitals) plus its TypeScript rules.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const config = [
  {
    // Generated or produced at run time: not ours to lint.
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "emulator/data/**",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  // Formatting is Prettier's job (`npm run lint` runs `prettier --check`); no stylistic ESLint rules fight it.
  prettier,
  {
    rules: {
      // `_unused` names an argument a signature requires but the body does not need.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "no-restricted-syntax": [
        "error",
        {
          // Builds a new Intl.NumberFormat on every call (about 30 µs): lists paid for it in every row.
          selector: "CallExpression[callee.property.name='toLocaleString'][arguments.length>1]",
          message: "toLocaleString with options builds a formatter per call: use formatNumber from lib/number-format.",
        },
      ],
    },
  },
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next/link",
              message:
                "Use Link from components/ui/link: it prefetches on hover and focus, not for every link in view.",
            },
          ],
        },
      ],
    },
  },
  {
    // The one place next/link is wrapped.
    files: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Tool config files (postcss, playwright, vitest) conventionally default-export an anonymous object.
    files: ["*.config.{js,mjs,ts}"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
];

export default config;
