import type { SqlValue } from './connector.ts';

/**
 * Gives every numeric `?` placeholder an explicit type: `CAST(? AS BIGINT)` for whole numbers and
 * `CAST(? AS DOUBLE)` for others. DuckDB-WASM sends bound values as JSON and binds every number as
 * DOUBLE, so `range(?, ?)` or an integer comparison would bind differently in the browser than in
 * Node; with the casts both engines see the same types. The value itself is still bound, never spliced.
 * Placeholders inside string literals, quoted identifiers and comments are left alone.
 */
export function typePlaceholders(text: string, params: readonly SqlValue[]): string {
  if (!params.some((p) => typeof p === 'number')) return text;
  return mapPlaceholders(text, (index) => {
    const p = params[index];
    if (typeof p === 'number') return Number.isSafeInteger(p) ? 'CAST(? AS BIGINT)' : 'CAST(? AS DOUBLE)';
    return '?';
  });
}

/** Replaces each `?` placeholder (outside literals, quoted identifiers and comments) by `replace(its index)`. */
export function mapPlaceholders(text: string, replace: (index: number) => string): string {
  let out = '';
  let index = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    let end = i + 1;
    if (c === "'" || c === '"') {
      end = text.indexOf(c, i + 1);
      while (end !== -1 && text[end + 1] === c) end = text.indexOf(c, end + 2);
      end = end === -1 ? text.length : end + 1;
    } else if (c === '-' && next === '-') {
      end = text.indexOf('\n', i);
      end = end === -1 ? text.length : end;
    } else if (c === '/' && next === '*') {
      end = text.indexOf('*/', i + 2);
      end = end === -1 ? text.length : end + 2;
    } else if (c === '?') {
      out += replace(index++);
      i++;
      continue;
    }
    out += text.slice(i, end);
    i = end;
  }
  return out;
}

/** The session variable that carries the bound values of a statement run as a pending query. */
export const PARAMS_VARIABLE = 'bistand_params';

/**
 * Splits a parameterised statement in two for engines that can only interrupt unprepared SQL
 * (DuckDB-WASM's pending queries): `set` binds every value, still as a `?` parameter, into one struct
 * variable of the connection; `text` reads each placeholder's value back from it.
 */
export function viaVariable(sql: string, params: readonly SqlValue[]): { set: string | null; text: string } {
  if (params.length === 0) return { set: null, text: sql };
  const fields = params.map((_, i) => `'p${i}': ?`).join(', ');
  return {
    set: typePlaceholders(`SET VARIABLE ${PARAMS_VARIABLE} = {${fields}}`, params),
    text: mapPlaceholders(sql, (i) => `struct_extract(getvariable('${PARAMS_VARIABLE}'), 'p${i}')`),
  };
}
