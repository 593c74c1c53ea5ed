import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** A layer's forbidden imports (type-only imports of a type are allowed); its tests may reach further. */
function layer(files, group, message, ignores = []) {
  return [
    {
      files: [files],
      ignores: ["**/*.test.ts", "**/*.test.tsx", ...ignores],
      rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group, message, allowTypeImports: true }] }] },
    },
  ];
}

export default tseslint.config(
  { ignores: ["build/**", "app/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Through ~/schemas/z only, which gives every check without a message of its own a translated one.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/schemas/z.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "zod", message: "Import from ~/schemas/z." }] }] },
  },
  // The layers (docs/architecture.md): each may import those below it, never those above.
  ...layer(
    "app/domain/**",
    [
      "~/models/*",
      "~/services/*",
      "~/routes/*",
      "~/utils/*",
      "~/i18n/*",
      "~/auth/*",
      "@remix-run/*",
      "@prisma/*",
      "~/generated/*",
      // zod and its wrapper (~/schemas/z): schemas live in app/schemas and import the domain's rules, never the reverse.
      "zod",
      "~/schemas/*",
      "**/schemas/*",
    ],
    "domain/ is plain TypeScript: rules and values, no framework, database, schemas or words.",
  ),
  ...layer(
    "app/utils/**",
    ["~/models/*", "~/services/*", "~/auth/*", "~/routes/*"],
    "utils/ is infrastructure; what combines models lives in services/.",
  ),
  ...layer(
    "app/services/**",
    ["~/routes/*", "~/utils/db.server", "~/generated/*"],
    "services/ combine models with files or words; the database is reached through a model (app/models).",
  ),
  ...layer(
    "app/models/**",
    ["~/i18n/*", "~/services/*", "~/routes/*"],
    "models/ reads and writes records; words belong to the page (app/i18n/message.ts), not the model.",
  ),
  ...layer("app/routes/**", ["~/utils/db.server", "~/generated/*"], "Routes reach the database through a model (app/models)."),
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
);
