import type { SqlValue } from './connector.ts';

/** SQL text with its bound values, in placeholder order. */
export interface BoundSql {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

/** A fragment of SQL text that is trusted (written by us), to be spliced as-is by `sql`. */
export class RawSql {
  constructor(readonly text: string) {}
}

/** Marks a trusted, code-authored SQL fragment (never user input). */
export function raw(text: string): RawSql {
  return new RawSql(text);
}

/**
 * Tagged template that turns every interpolated value into a `?` placeholder.
 * Nested `sql` fragments and `raw` text are spliced, keeping their own parameters in order.
 */
export function sql(strings: TemplateStringsArray, ...values: ReadonlyArray<SqlValue | BoundSql | RawSql>): BoundSql {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof RawSql) text += value.text;
    else if (isBoundSql(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

/** Joins fragments with a separator, keeping parameters in order. */
export function joinSql(parts: readonly BoundSql[], separator: string): BoundSql {
  return {
    text: parts.map((p) => p.text).join(separator),
    params: parts.flatMap((p) => p.params),
  };
}

/** Guard for a `BoundSql` value. */
export function isBoundSql(value: unknown): value is BoundSql {
  return typeof value === 'object' && value !== null && 'text' in value && 'params' in value;
}
