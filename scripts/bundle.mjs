// Bundles src/cli.ts (oclif + every command) into one CommonJS file, dist/bundle/cli.cjs.
// Start-up then reads one file instead of the ~160 modules @oclif/core is made of, and
// bin/run.js can compile it from a V8 code cache (see scripts/code-cache.mjs).
import {build} from 'esbuild'

await build({
  bundle: true,
  entryPoints: ['src/cli.ts'],
  // The AWS SDK, prompts, yaml and the browser driver stay in node_modules: loaded only by the
  // code paths that need them (dynamic import), and shared with aws-sdk-client-mock in tests.
  // typescript/ts-node are optional oclif dev hooks.
  external: ['@aws-sdk/*', '@smithy/*', '@inquirer/*', 'playwright-core', 'typescript', 'ts-node', 'tsx', 'yaml'],
  format: 'cjs',
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Code that also runs as tsc's ESM output reads import.meta.url only where __dirname is absent.
  logOverride: {'empty-import-meta': 'silent'},
  // Less source to parse; names are kept for error messages and stack traces.
  minifyIdentifiers: true,
  minifySyntax: true,
  minifyWhitespace: true,
  outfile: 'dist/bundle/cli.cjs',
  platform: 'node',
  // Lazy imports become require(): the bundle runs from a V8 code cache through vm.Script, where
  // import() has no loader. The AWS SDK and yaml resolve to the same CommonJS builds either way.
  supported: {'dynamic-import': false},
  target: 'node20',
})
