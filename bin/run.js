#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): start-up is the cost of one compiled bundle, and
// compiling it from V8's code cache skips most of the parse. Nothing here loads the AWS SDK.
'use strict'
const {readFileSync, writeFileSync} = require('node:fs')
const Module = require('node:module')
const {dirname, join} = require('node:path')
const vm = require('node:vm')

// The AWS SDK warns on every run under Node < 22 (its support window: SDK releases after early
// 2027 need Node 22); the README says which Node versions miyabi supports instead. Only that one
// warning is dropped: every other warning still shows. The SDK emits it as a plain string
// ("NodeVersionSupportWarning: The AWS SDK ...", type "Warning"); older or newer releases may
// pass it as a name or a type, so all three forms are matched.
const emitWarning = process.emitWarning
const NODE_SUPPORT = 'NodeVersionSupportWarning'
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type
  const text = typeof warning === 'string' ? warning : `${warning?.name ?? ''}: ${warning?.message ?? ''}`
  if (type === NODE_SUPPORT || warning?.name === NODE_SUPPORT || text.startsWith(`${NODE_SUPPORT}:`)) return
  return emitWarning.call(process, warning, ...rest)
}

const root = join(__dirname, '..')
const filename = join(root, 'dist', 'bundle', 'cli.cjs')
const cacheFile = `${filename}.v8cache`

/** Loads the bundle through vm.Script so V8 can use (or produce) cached compiled code. */
function loadBundle() {
  const source = readFileSync(filename, 'utf8')
  let cachedData
  try {
    cachedData = readFileSync(cacheFile)
  } catch {}

  const script = new vm.Script(Module.wrap(source), {cachedData, filename})
  const mod = new Module(filename, module)
  mod.filename = filename
  mod.paths = Module._nodeModulePaths(dirname(filename))
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(filename), mod, filename, dirname(filename))
  mod.loaded = true
  // oclif requires the same file to find the commands: let it find this instance.
  Module._cache[filename] = mod
  if (process.env.MIYABI_WRITE_CODE_CACHE) process.once('beforeExit', () => writeFileSync(cacheFile, script.createCachedData()))
  return mod.exports
}

// No user, dev or just-in-time plugins: miyabi ships as one bundle, so there is nothing to look for.
loadBundle().execute({dir: root, loadOptions: {devPlugins: false, jitPlugins: false, root, userPlugins: false}})
