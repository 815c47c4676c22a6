/**
 * The model's one base class for bad input: whatever the model refuses because of what it was
 * given (a load, a policy, a trace, a price override) extends this, and the CLI maps every
 * InputError to exit 2 without a hand-kept list of classes.
 */
export class InputError extends Error {
  constructor(message?: string) {
    super(message)
    this.name = new.target.name
  }
}

/** How much of a user's value an error message echoes. */
export const ECHO_LIMIT = 80

/**
 * A user-supplied value made safe to echo in a one-line message: control characters escaped (so
 * input cannot move the cursor or recolour the terminal) and cut to `max` characters with an
 * ellipsis (so a 50 MB value is not printed whole). Quoted, as messages show values.
 */
export function quoteInput(value: unknown, max = ECHO_LIMIT): string {
  const text = String(value)
  const cut = text.length > max ? `${text.slice(0, max)}…` : text
  // JSON.stringify escapes C0 controls, quotes and backslashes; C1 controls and DEL are escaped here.
  return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
