/** JSON with object keys sorted at every level, so a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  // Audit entries hash every row of a bulk import: plain data is written directly, in one pass.
  const direct = plainCanonical(value === undefined ? null : value);
  if (direct !== undefined) return direct;
  return JSON.stringify(sortKeys(value === undefined ? null : JSON.parse(JSON.stringify(value))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const INDEX_LIKE = /^(0|[1-9]\d*)$/;
// Keys repeat from entry to entry (the fields of a view): each is checked and quoted once.
const quotedKeys = new Map<string, string | undefined>();

function quotedKey(key: string): string | undefined {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined && !quotedKeys.has(key)) {
    quoted = INDEX_LIKE.test(key) ? undefined : JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * The canonical text of plain JSON data (strings, finite numbers, booleans, null, arrays and
 * plain objects), or undefined for anything else (dates, toJSON, undefined members, keys that
 * are array indexes, which objects order first) so that the general path above decides.
 */
function plainCanonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const text = plainCanonical(value[i]);
          if (text === undefined) return undefined;
          out += i ? `,${text}` : text;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return undefined;
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = quotedKey(keys[i]!);
        const text = key === undefined ? undefined : plainCanonical((value as Record<string, unknown>)[keys[i]!]);
        if (text === undefined) return undefined;
        out += `${i ? ',' : ''}${key}:${text}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}
