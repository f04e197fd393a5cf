/**
 * Collects parameters while a statement is built from parts, so fragments from policies and
 * filters can be joined without anyone counting placeholders by hand.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder ($n). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** LIKE pattern for "this path or anything below it" with the prefix's own wildcards escaped. */
export function subtreePattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
}
