// esbuild builds everything runnable from src/ (tsc only emits the library, see tsconfig.lib.json):
//   dist/bundle/cli.cjs              src/cli.ts: oclif and every command, what bin/run.js runs
//   dist/bundle/simulate-thread.cjs  src/cli/simulate/thread.ts: the worker of `simulate --compare`
// One CommonJS file for the CLI: start-up reads one file instead of the ~160 modules @oclif/core
// is made of, and bin/run.js can compile it from a V8 code cache (see scripts/code-cache.mjs).
// Each start-up measure here is kept because scripts/bench-startup.mjs, which builds the bundle
// without it, shows it saving about 10 ms or more (docs/development.md, "Start-up").
import {build} from 'esbuild'
import {readFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The start-up measures of the bundle, each on unless turned off (for the benchmark). */
export const BUNDLE_MEASURES = ['no-collator', 'first-use', 'minify']

/**
 * What oclif loads at start-up but miyabi uses rarely or never. Out of the bundle, loaded on first
 * use: plugin discovery's glob libraries (never used), the spinner's frames (scale set --wait on a
 * terminal), the text wrapping and stack cleaning of oclif's own error display (miyabi prints its
 * errors itself), the shell lookup's child_process (Windows only), fs/promises (its file checks
 * and TypeScript lookups; its JSON reads are synchronous, see OCLIF_EDITS), stdin reading (readline),
 * performance marks (OCLIF_PERF), the templates of oclif's configuration (ejs: update URLs) and the
 * text measuring of its help (string-width, with its emoji tables), the search for an .oclifrc
 * (lilconfig: only for a package.json without an oclif section; it reads fs.promises on load). And oclif's WSL check (`isWsl`, every start) comes from is-wsl
 * alone: wsl-utils, which re-exports it, also loads its PowerShell helpers and child_process.
 */
const FIRST_USE = [
  'tinyglobby',
  'minimatch',
  'cli-spinners',
  'wrap-ansi',
  'clean-stack',
  'indent-string',
  'ejs',
  'string-width',
  'lilconfig',
  'node:child_process',
  'node:fs/promises',
  'node:readline',
  'node:perf_hooks',
]

/**
 * A module loaded, when one of its exports is first read, from where `fromPackage` (the importer's
 * package) would load it: oclif's own copy of wrap-ansi is not the top-level one.
 */
function firstUseProxy(name, fromPackage) {
  const from = `require('node:path').dirname(require.resolve(${JSON.stringify(fromPackage)}))`
  const load = name.startsWith('node:')
    ? `require(${JSON.stringify(name)})`
    : `require(require.resolve(${JSON.stringify(name)}, {paths: [${from}]}))`
  // `default` serves __importDefault / __toESM readers of a CommonJS module without loading it yet;
  // the target is a function, so a module that is one (string-width) can be called through it.
  return `let m; const load = () => (m ??= ${load});
module.exports = new Proxy(function () {}, {apply: (_, self, args) => load().apply(self, args), get: (_, key) => (key === '__esModule' ? true : key === 'default' && !load().__esModule ? load() : load()[key]), has: (_, key) => key in load()});`
}

/**
 * Lines of oclif's own code the bundle changes. The build fails if a line is no longer there (an
 * oclif upgrade), rather than silently losing the edit.
 * - no-collator (a start-up measure): oclif sorts the command list with localeCompare, and the
 *   first localeCompare builds ICU's collator. Command ids are ASCII, so comparing code units
 *   sorts them the same way.
 * - oclif's check of its own Node.js requirement (>=18, with semver and a read of its package.json,
 *   on every start): miyabi checks its own, stricter one instead (nodeEngineWarning in
 *   src/cli/core/process-policy.ts). Not a measure to weigh: always made.
 */
const OCLIF_EDITS = [
  {
    file: 'index.js',
    from: 'checkNodeVersion();\n',
    to: '',
  },
  {
    file: 'config/plugin.js',
    from: '.sort((a, b) => a.id.localeCompare(b.id))',
    measure: 'no-collator',
    to: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))',
  },
]

/** Start-up work the bundle skips: the edits of OCLIF_EDITS, modules loaded on first use. */
function startupMeasures(off) {
  return {
    name: 'startup-measures',
    setup(b) {
      const byFile = new Map()
      for (const edit of OCLIF_EDITS.filter(e => e.measure === undefined || !off.has(e.measure)))
        byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit])
      for (const [file, edits] of byFile) {
        const filter = new RegExp(
          `@oclif[\\\\/]core[\\\\/]lib[\\\\/]${file.replace('/', '[\\\\/]').replace('.', '\\.')}$`,
        )
        b.onLoad({filter}, async args => {
          let source = await readFile(args.path, 'utf8')
          for (const {from, to} of edits) {
            if (!source.includes(from))
              throw new Error(
                `${args.path}: oclif no longer has "${from}"; update its edit in OCLIF_EDITS in scripts/bundle.mjs`,
              )
            source = source.replace(from, to)
          }
          return {contents: source, loader: 'js'}
        })
      }
      if (!off.has('first-use')) {
        // Only the dependencies' requires: when a module of miyabi imports one of these, it means to use it.
        b.onResolve({filter: new RegExp(`^(${FIRST_USE.join('|')})$`)}, args => {
          const from = /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(args.importer)?.[1]
          // plugin-autocomplete runs only as its own command (loaded then, never at start-up), and
          // its named imports of fs/promises cannot go through the proxy (esbuild copies the names).
          return from && !/^@oclif[\\/]plugin-autocomplete$/.test(from)
            ? {namespace: 'first-use', path: args.path, pluginData: {from: from.replace('\\', '/')}}
            : undefined
        })
        b.onLoad({filter: /.*/, namespace: 'first-use'}, args => ({
          contents: firstUseProxy(args.path, args.pluginData.from),
          loader: 'js',
          resolveDir: ROOT,
        }))
        b.onResolve({filter: /^wsl-utils$/}, async args => {
          if (args.pluginData?.real) return undefined
          const real = await b.resolve('wsl-utils', {
            kind: args.kind,
            pluginData: {real: true},
            resolveDir: args.resolveDir,
          })
          return {namespace: 'wsl-check', path: real.path}
        })
        b.onLoad({filter: /.*/, namespace: 'wsl-check'}, args => ({
          contents: "export {default as isWsl} from 'is-wsl'",
          loader: 'js',
          resolveDir: dirname(args.path),
        }))
      }
    },
  }
}

/** Builds the bundle into `outdir`, with the measures named in `off` turned off. */
export async function bundle({off = new Set(), outdir = join(ROOT, 'dist', 'bundle')} = {}) {
  const minify = !off.has('minify')
  await build({
    absWorkingDir: ROOT,
    bundle: true,
    entryPoints: {cli: 'src/cli.ts', 'simulate-thread': 'src/cli/simulate/thread.ts'},
    // The AWS SDK, prompts, yaml, TypeBox (the config schema) and the browser driver stay in
    // node_modules: loaded only by the code paths that need them (a run without a config file never
    // loads the schema), and the SDK is shared with aws-sdk-client-mock in tests.
    // typescript/ts-node are optional oclif dev hooks. cli-table3 colours its borders and headings
    // with @colors/colors only when asked to; our tables ask for no colour, so it is never loaded.
    external: [
      '@colors/colors/*',
      '@aws-sdk/*',
      '@smithy/*',
      '@inquirer/*',
      '@sinclair/typebox',
      'playwright-core',
      'typescript',
      'ts-node',
      'tsx',
      'yaml',
    ],
    format: 'cjs',
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Code that also runs from source (ESM, through tsx) reads import.meta only where __dirname is
    // absent; the first-use loaders resolve their package at run time, from node_modules.
    logOverride: {'empty-import-meta': 'silent', 'require-resolve-not-external': 'silent'},
    // Less source to read and hash for the code cache; names are kept for error messages and stack traces.
    minifyIdentifiers: minify,
    minifySyntax: minify,
    minifyWhitespace: minify,
    outExtension: {'.js': '.cjs'},
    outdir,
    platform: 'node',
    plugins: [startupMeasures(off)],
    // Lazy imports become require(): the bundle runs from a V8 code cache through vm.Script, where
    // import() has no loader. The AWS SDK and yaml resolve to the same CommonJS builds either way.
    supported: {'dynamic-import': false},
    target: 'node20',
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundle()
