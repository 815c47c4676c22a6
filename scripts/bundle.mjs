// Bundles src/cli.ts (oclif + commands) into dist/bundle/. Start-up then reads a handful of files
// instead of the ~160 modules @oclif/core is made of. Dynamic imports become lazy chunks.
import {build} from 'esbuild'

await build({
  banner: {js: "import {createRequire as __miyabiCreateRequire} from 'node:module'; const require = __miyabiCreateRequire(import.meta.url);"},
  bundle: true,
  chunkNames: 'chunks/[name]-[hash]',
  entryPoints: ['src/cli.ts'],
  // The AWS SDK and prompts stay in node_modules: loaded only by live commands, and shared
  // with aws-sdk-client-mock in tests. typescript/ts-node are optional oclif dev hooks.
  external: ['@aws-sdk/*', '@smithy/*', '@inquirer/*', 'playwright-core', 'typescript', 'ts-node', 'tsx', 'yaml'],
  format: 'esm',
  keepNames: true,
  legalComments: 'none',
  // Less source to parse at start-up; names are kept for error messages and stack traces.
  minifySyntax: true,
  minifyWhitespace: true,
  minifyIdentifiers: true,
  logLevel: 'warning',
  outdir: 'dist/bundle',
  platform: 'node',
  splitting: true,
  target: 'node20',
})
