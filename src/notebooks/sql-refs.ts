/** One `${…}` reference found in a SQL cell. */
export interface SqlRef {
  /** Input, SQL cell or `filters`. */
  readonly name: string;
  /** `from` in `${period.from}`. */
  readonly member?: string;
  /** Arguments of `${filters(u, -period)}`. */
  readonly args?: readonly string[];
  /** Offsets of `${` and one past `}` in the SQL text. */
  readonly start: number;
  readonly end: number;
}

/** A reference that does not follow the syntax. */
export class SqlRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlRefError';
  }
}

// Names may hold å, ä, ö (see NAME_PATTERN in types.ts).
const REF = /^\s*([\p{L}_][\p{L}\p{N}_]*)(?:\.([\p{L}_][\p{L}\p{N}_]*))?(?:\(([^()]*)\))?\s*$/u;

/**
 * Finds `${…}` references in SQL text, skipping string literals, quoted identifiers and comments,
 * so that a `${` inside `'…'` or `-- …` is left as text (a `?` there would break parameter order).
 */
export function scanSqlRefs(sqlText: string): SqlRef[] {
  const refs: SqlRef[] = [];
  let i = 0;
  while (i < sqlText.length) {
    const c = sqlText[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(sqlText, i, c);
    } else if (c === '-' && sqlText[i + 1] === '-') {
      const nl = sqlText.indexOf('\n', i);
      i = nl < 0 ? sqlText.length : nl + 1;
    } else if (c === '/' && sqlText[i + 1] === '*') {
      const close = sqlText.indexOf('*/', i + 2);
      i = close < 0 ? sqlText.length : close + 2;
    } else if (c === '$' && sqlText[i + 1] === '{') {
      const close = sqlText.indexOf('}', i + 2);
      if (close < 0) throw new SqlRefError(`Referensen som börjar med \${ vid tecken ${i + 1} avslutas aldrig med }.`);
      refs.push(parseRef(sqlText.slice(i + 2, close), i, close + 1));
      i = close + 1;
    } else {
      i++;
    }
  }
  return refs;
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      // A doubled quote is an escaped quote inside the literal.
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function parseRef(inner: string, start: number, end: number): SqlRef {
  const m = REF.exec(inner);
  if (!m) throw new SqlRefError(`Ogiltig referens \${${inner}}: skriv \${namn}, \${namn.del} eller \${filters}.`);
  const [, name, member, argText] = m as unknown as [string, string, string | undefined, string | undefined];
  if (argText !== undefined && name !== 'filters') throw new SqlRefError(`Bara \${filters(…)} tar argument, inte \${${inner}}.`);
  const args = argText === undefined ? undefined : argText.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const ref: { -readonly [K in keyof SqlRef]: SqlRef[K] } = { name, start, end };
  if (member !== undefined) ref.member = member;
  if (args !== undefined) ref.args = args;
  return ref;
}

/** Splits `${filters(u, -period)}` arguments into a table alias and the filters to leave out. */
export function filterArgs(ref: SqlRef): { alias?: string; exclude: Set<string> } {
  const exclude = new Set<string>();
  let alias: string | undefined;
  for (const arg of ref.args ?? []) {
    if (arg.startsWith('-')) exclude.add(arg.slice(1));
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg) && alias === undefined) alias = arg;
    else throw new SqlRefError(`Ogiltigt argument "${arg}" i \${filters(…)}: ange ett tabellalias och/eller -filternamn.`);
  }
  return alias === undefined ? { exclude } : { alias, exclude };
}
