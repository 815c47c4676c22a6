// Loader hooks for module-trace.mjs; they run on the loader thread, so they write to the file directly.
import {appendFileSync} from 'node:fs'

let out

export function initialize(data) {
  out = data.out
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context)
  appendFileSync(out, `esm ${result.url}\n`)
  return result
}
