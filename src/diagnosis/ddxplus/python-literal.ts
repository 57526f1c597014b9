/**
 * A reader for the Python-literal lists that DDXPlus stores in its CSV cells (`"['E_48', 'E_54_@_V_161']"`,
 * `"[['URTI', 0.6], ['Bronchitis', 0.4]]"`): nested lists of strings and numbers, as `repr()` writes them.
 * Only the literal forms DDXPlus uses are accepted; anything else is a clear error.
 */
export type PythonLiteral = string | number | readonly PythonLiteral[];

/** Parses one Python list/string/number literal. */
export function parsePythonLiteral(text: string): PythonLiteral {
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`python literal: ${message} at offset ${at} in ${JSON.stringify(text.slice(0, 80))}`);
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const parseString = (): string => {
    const quote = text[at]!;
    at++;
    let out = '';
    while (at < text.length && text[at] !== quote) {
      if (text[at] === '\\') {
        const next = text[at + 1];
        if (next === undefined) fail('unterminated escape');
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        at += 2;
      } else {
        out += text[at];
        at++;
      }
    }
    if (at >= text.length) fail('unterminated string');
    at++;
    return out;
  };
  const parseNumber = (): number => {
    const match = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(at));
    if (!match) return fail('expected a value');
    at += match[0].length;
    return Number(match[0]);
  };
  const parseValue = (): PythonLiteral => {
    skipSpace();
    const char = text[at];
    if (char === '[') {
      at++;
      const items: PythonLiteral[] = [];
      skipSpace();
      if (text[at] === ']') {
        at++;
        return items;
      }
      for (;;) {
        items.push(parseValue());
        skipSpace();
        if (text[at] === ',') {
          at++;
          skipSpace();
          if (text[at] === ']') {
            at++;
            return items;
          }
          continue;
        }
        if (text[at] === ']') {
          at++;
          return items;
        }
        fail("expected ',' or ']'");
      }
    }
    if (char === "'" || char === '"') return parseString();
    return parseNumber();
  };
  const value = parseValue();
  skipSpace();
  if (at !== text.length) fail('trailing characters');
  return value;
}

/** Parses a Python list of strings. */
export function parseStringList(text: string): string[] {
  const value = parsePythonLiteral(text);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(`python literal: expected a list of strings, got ${JSON.stringify(text.slice(0, 80))}`);
  }
  return value as string[];
}

/** Parses a Python list of `[name, probability]` pairs. */
export function parseWeightedList(text: string): [string, number][] {
  const value = parsePythonLiteral(text);
  if (!Array.isArray(value)) throw new Error('python literal: expected a list of [name, probability] pairs');
  return value.map((pair) => {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'number'
    ) {
      throw new Error(`python literal: expected [name, probability], got ${JSON.stringify(pair)}`);
    }
    return [pair[0], pair[1]] as [string, number];
  });
}
