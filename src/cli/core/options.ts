/**
 * The one kebab→camel mapping of the command line: a command parses its flags once and hands
 * helpers a typed options object (`--max-tasks` becomes `maxTasks`), never the flag names. The
 * type follows the flag definitions, so a new flag appears in the options object with no type
 * or renaming map to keep beside it.
 */
import type {Interfaces} from '@oclif/core'

/** `max-tasks` → `maxTasks`, as a type. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

/** Parsed flags keyed by camelCase names. */
export type CamelCased<F> = {[K in keyof F as K extends string ? CamelCase<K> : K]: F[K]}

/** A flag group's values as oclif parses them (without the --json every command has). */
export type FlagValues<D> = Omit<Interfaces.InferredFlags<D>, 'json'>

/** A flag group as the options object a helper takes: camelCased, each one optional (given or not). */
export type OptionsOf<D> = Partial<CamelCased<FlagValues<D>>>

/** `max-tasks` → `maxTasks`. */
export function camelCase<S extends string>(name: S): CamelCase<S> {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()) as CamelCase<S>
}

/**
 * The flags named in `definitions` (a command's flag group, e.g. planSettingFlags), camelCased,
 * those not given left out: a helper spreads the result over the values it already has, and
 * nothing not given overrides anything.
 */
export function optionsOf<D extends object, F extends {[K in keyof D]?: unknown}>(
  definitions: D,
  flags: F,
): Partial<CamelCased<Pick<F, keyof D & keyof F>>> {
  const options: Record<string, unknown> = {}
  for (const name of Object.keys(definitions)) {
    const value = (flags as Record<string, unknown>)[name]
    if (value !== undefined) options[camelCase(name)] = value
  }

  return options as Partial<CamelCased<Pick<F, keyof D & keyof F>>>
}
