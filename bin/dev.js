#!/usr/bin/env node
// Runs the CLI from src/ through tsx, with no build step: what you edit is what runs. It takes the
// commands from src/cli.ts and ignores oclif.manifest.json (src/cli/core/from-source.ts). Slower to
// start than bin/run.js (tsx compiles the TypeScript, cached after the first run); the output is
// the same (test/e2e/dev-vs-bundle.test.ts).
'use strict'
const {join} = require('node:path')
const {pathToFileURL} = require('node:url')

const source = file => import(pathToFileURL(join(__dirname, '..', 'src', file)).href)

;(async () => {
  const {register} = await import('tsx/esm/api')
  register()
  const [{main}, {sourceConfig}] = await Promise.all([source('cli.ts'), source('cli/core/from-source.ts')])
  await main(await sourceConfig())
})()
