// Preload (node --import) that records every module the process loads, one per line, into the file
// named by MIYABI_MODULE_TRACE: ES modules through a resolve hook (module.register), CommonJS
// through Module._resolveFilename. Used to prove that `plan` never loads the AWS SDK.
import {appendFileSync} from 'node:fs'
import Module, {register} from 'node:module'

const out = process.env.MIYABI_MODULE_TRACE
if (!out) throw new Error('MIYABI_MODULE_TRACE is not set')

register('./module-trace-hooks.mjs', import.meta.url, {data: {out}})

const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (...args) {
  const resolved = resolveFilename.apply(this, args)
  appendFileSync(out, `cjs ${resolved}\n`)
  return resolved
}
