/**
 * The lazy loaders of the CLI, all of them: each keeps a heavy dependency off the paths that do
 * not need it (docs/development.md, "Lazy loading"). Everything else is a static import: the
 * bundle holds it already, and a command's modules are initialised only when that command runs
 * (command-registry.ts). test/lazy-imports.test.ts allows `import()` nowhere else in src/ but in
 * the registry and in the two lower layers' own loaders (aws/clients.ts: the SDK;
 * config/load.ts: the schema).
 */

/** @inquirer/prompts: only a question on a terminal needs it. */
export const loadPrompts = () => import('@inquirer/prompts')
