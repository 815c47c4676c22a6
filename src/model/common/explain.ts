/** One computed figure with the formula and inputs that produced it (what `--explain` prints). */
export interface Explanation {
  id: string
  label: string
  value: number | null
  unit: string
  formula: string
  inputs: Record<string, number | string | boolean | null>
}

/**
 * Collects explanations while a model function runs. Returning the value lets a
 * computation and its explanation stay on one line, so they cannot drift apart.
 */
export class Explainer {
  readonly items: Explanation[] = []

  record<T extends number | null>(
    id: string,
    label: string,
    value: T,
    unit: string,
    formula: string,
    inputs: Explanation['inputs'] = {},
  ): T {
    this.items.push({id, formula, inputs, label, unit, value})
    return value
  }
}
