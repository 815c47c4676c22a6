// esbuild builds everything runnable from src/ (tsc only emits the library, see tsconfig.lib.json):
//   dist/bundle/cli.cjs              src/cli.ts: oclif and every command, what bin/run.js runs
//   dist/bundle/simulate-thread.cjs  src/cli/simulate-thread.ts: the worker of `simulate --compare`
// One CommonJS file for the CLI: start-up reads one file instead of the ~160 modules @oclif/core
// is made of, and bin/run.js can compile it from a V8 code cache (see scripts/code-cache.mjs).
import {build} from 'esbuild'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const shims = join(dirname(fileURLToPath(import.meta.url)), 'shims')

/** Packages oclif requires at load but uses only on paths miyabi never takes (plugin discovery). */
const LOAD_ON_FIRST_USE = /^(tinyglobby|minimatch)$/

/**
 * Start-up work the bundle can skip: oclif's index (sub-paths instead), the `debug` package
 * (unless DEBUG is set), and glob libraries behind a proxy that loads them on first use.
 */
const startupShims = {
  name: 'startup-shims',
  setup(b) {
    b.onResolve({filter: /^@oclif\/core$/}, () => ({path: join(shims, 'oclif-core.mjs')}))
    b.onResolve({filter: /^debug$/}, () => ({path: join(shims, 'debug.cjs')}))
    b.onResolve({filter: LOAD_ON_FIRST_USE}, async (args) => {
      if (args.pluginData?.real) return undefined
      const real = await b.resolve(args.path, {kind: args.kind, pluginData: {real: true}, resolveDir: args.resolveDir})
      return {namespace: 'lazy', path: real.path}
    })
    b.onLoad({filter: /.*/, namespace: 'lazy'}, (args) => ({
      contents: `let m; const load = () => (m ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, {get: (_, key) => (key === '__esModule' ? true : load()[key]), has: (_, key) => key in load()});`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }))
  },
}

await build({
  bundle: true,
  entryPoints: {cli: 'src/cli.ts', 'simulate-thread': 'src/cli/simulate-thread.ts'},
  outExtension: {'.js': '.cjs'},
  // The AWS SDK, prompts, yaml and the browser driver stay in node_modules: loaded only by the
  // code paths that need them (dynamic import), and shared with aws-sdk-client-mock in tests.
  // typescript/ts-node are optional oclif dev hooks.
  external: ['@aws-sdk/*', '@smithy/*', '@inquirer/*', 'playwright-core', 'typescript', 'ts-node', 'tsx', 'yaml'],
  format: 'cjs',
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Code that also runs from source (ESM, through tsx) reads import.meta only where __dirname is absent.
  logOverride: {'empty-import-meta': 'silent'},
  // Less source to parse; names are kept for error messages and stack traces.
  minifyIdentifiers: true,
  minifySyntax: true,
  minifyWhitespace: true,
  outdir: 'dist/bundle',
  platform: 'node',
  plugins: [startupShims],
  // Lazy imports become require(): the bundle runs from a V8 code cache through vm.Script, where
  // import() has no loader. The AWS SDK and yaml resolve to the same CommonJS builds either way.
  supported: {'dynamic-import': false},
  target: 'node20',
})
