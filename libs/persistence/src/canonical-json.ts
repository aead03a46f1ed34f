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
        const parts: string[] = [];
        for (const item of value) {
          const text = plainCanonical(item);
          if (text === undefined) return undefined;
          parts.push(text);
        }
        return `[${parts.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return undefined;
      const keys = Object.keys(value).sort();
      const parts: string[] = [];
      for (const key of keys) {
        if (INDEX_LIKE.test(key)) return undefined;
        const text = plainCanonical((value as Record<string, unknown>)[key]);
        if (text === undefined) return undefined;
        parts.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}
