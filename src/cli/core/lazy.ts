/**
 * The lazy loaders of the CLI's layer, all of them. A lazy import is kept only where it keeps a
 * heavy dependency off the paths that do not need it (docs/development.md, "Lazy loading", has
 * the table with the measured costs); everything else is a static import, since the bundle holds
 * it already and a command's modules are initialised only when that command runs
 * (command-registry.ts, the other lazy list: one loader per command). Below this layer two
 * modules load their own: aws/clients.ts the AWS SDK, config/load.ts the config schema (TypeBox),
 * and the yaml package where config/ and render/ parse or print YAML; the entry (src/cli.ts) the
 * parallel simulator, which only scripts/bench-simulate.mjs calls through it.
 * test/lazy-imports.test.ts allows `import()` nowhere else.
 */

/** @inquirer/prompts: only a question on a terminal needs it. */
export const loadPrompts = () => import('@inquirer/prompts')

/** yaml: only a config file, a cached price book or --format yaml needs it. */
export const loadYaml = () => import('yaml')

/** oclif's help renderer (through miyabi's help class): only --help and `help` need it. */
export const loadHelp = () => import('./help.js')
