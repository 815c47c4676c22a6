#!/usr/bin/env node
// Runs the built CLI, dist/bundle/cli.cjs (`npm run build`; bin/dev.js runs src/ instead).
// CommonJS on purpose (bin/package.json): start-up is the cost of one compiled bundle, and
// compiling it from V8's code cache skips most of the parse. Nothing here loads the AWS SDK.
'use strict'
const {readFileSync, writeFileSync} = require('node:fs')
const Module = require('node:module')
const {dirname, join} = require('node:path')
const vm = require('node:vm')

const root = join(__dirname, '..')
const filename = join(root, 'dist', 'bundle', 'cli.cjs')
const cacheFile = `${filename}.v8cache`

/** Loads the bundle through vm.Script so V8 can use (or produce) cached compiled code. */
function loadBundle() {
  const source = readFileSync(filename, 'utf8')
  let cachedData
  try {
    cachedData = readFileSync(cacheFile)
  } catch {
    // No code cache yet (or unreadable): V8 compiles from source.
  }

  const script = new vm.Script(Module.wrap(source), {cachedData, filename})
  const mod = new Module(filename, module)
  mod.filename = filename
  mod.paths = Module._nodeModulePaths(dirname(filename))
  script
    .runInThisContext()
    .call(mod.exports, mod.exports, Module.createRequire(filename), mod, filename, dirname(filename))
  mod.loaded = true
  // oclif requires the same file to find the commands: let it find this instance.
  Module._cache[filename] = mod
  if (process.env.MIYABI_WRITE_CODE_CACHE)
    process.once('beforeExit', () => writeFileSync(cacheFile, script.createCachedData()))
  return mod.exports
}

// No user, dev or just-in-time plugins: miyabi ships as one bundle, so there is nothing to look for.
// package.json is read here, in one synchronous read, rather than by oclif, which first searches
// for the package root and then reads it with asynchronous file calls.
const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
loadBundle().main({devPlugins: false, jitPlugins: false, pjson, root, userPlugins: false})
