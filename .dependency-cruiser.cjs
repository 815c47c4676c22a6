/**
 * The import rules of src/, one per folder: docs/development.md's layer table ("Layers"), enforced.
 * Every import must match an `allowed` rule (whatever matches none is an error); `forbidden` adds
 * what the table says a folder may never do. test/layers.test.ts runs it (so `npm test` and CI do);
 * `npx depcruise src` prints the same verdict.
 */
const NODE = {dependencyTypes: ['core']}
const layer = (from, to, extra = {}) => ({from: {path: from, ...extra.from}, to: {path: to, ...extra.to}})
const pkgs = (from, names) => ({
  from: {path: from},
  to: {
    dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'],
    path: `^node_modules/(${names.join('|')})/`,
  },
})
const BELOW_CLI = '^src/(model/|errors\\.ts$|files/|mutation/|aws/|config/|render/)'

module.exports = {
  allowed: [
    // The model: pure, only itself (no package, no Node built-in).
    layer('^src/model/', '^src/model/'),
    // src/errors.ts imports nothing.
    layer('^src/files/', '^src/(model/|errors\\.ts$|files/)'),
    {from: {path: '^src/files/'}, to: NODE},
    layer('^src/mutation/', '^src/(model/|errors\\.ts$|mutation/)'),
    {from: {path: '^src/mutation/'}, to: NODE},
    layer('^src/aws/', '^src/(model/|errors\\.ts$|mutation/|aws/)'),
    {from: {path: '^src/aws/'}, to: NODE},
    pkgs('^src/aws/', ['@aws-sdk', '@smithy']),
    layer('^src/config/', '^src/(model/|errors\\.ts$|files/|config/)'),
    {from: {path: '^src/config/'}, to: NODE},
    pkgs('^src/config/', ['yaml', '@sinclair/typebox']),
    layer('^src/render/', '^src/(model/|render/)'),
    {from: {path: '^src/render/'}, to: NODE},
    pkgs('^src/render/', ['chalk', 'cli-table3', 'yaml']),
    // The command infrastructure: every layer below; the registry loads the commands, from-source the entry.
    layer('^src/cli/core/', `${BELOW_CLI}|^src/cli/core/`),
    layer('^src/cli/core/command-registry\\.ts$', '^src/commands/'),
    layer('^src/cli/core/from-source\\.ts$', '^src/cli\\.ts$'),
    // plugin-autocomplete's commands, by file (its package exports none of them).
    layer('^src/cli/core/command-registry\\.ts$', '^node_modules/@oclif/plugin-autocomplete/lib/commands/'),
    // A capability's flow: every layer below, the infrastructure, another capability.
    layer('^src/cli/(?!core/)[^/]+/', `${BELOW_CLI}|^src/cli/`),
    {from: {path: '^src/cli/'}, to: NODE},
    pkgs('^src/cli/', ['@oclif/core', '@oclif/plugin-help', '@inquirer/prompts', 'yaml']),
    // Commands: everything but another command.
    layer('^src/commands/', `${BELOW_CLI}|^src/cli/`),
    {from: {path: '^src/commands/'}, to: NODE},
    pkgs('^src/commands/', ['@oclif/core', '@inquirer/prompts', 'yaml']),
    // The entries: the CLI's (oclif's hooks over src/cli/), the library's (the model).
    layer('^src/cli\\.ts$', '^src/cli/'),
    {from: {path: '^src/cli\\.ts$'}, to: NODE},
    pkgs('^src/cli\\.ts$', ['@oclif/core']),
    layer('^src/index\\.ts$', '^src/model/'),
  ],
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'no-cycle-across-folders',
      comment: 'Two folders that import each other are one folder: a cycle between model domains or layers.',
      severity: 'error',
      from: {path: '^src/([^/]+/[^/]+)/'},
      to: {circular: true, pathNot: '^src/$1/'},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: {couldNotResolve: true},
    },
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    exclude: {path: '^(dist|test|scripts|bin)/'},
    tsConfig: {fileName: 'tsconfig.json'},
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
}
