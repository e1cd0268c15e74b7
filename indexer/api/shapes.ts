/**
 * Request shapes: a small declarative description of what a method takes, which
 * is also its check. Every transport reads a request through the method's shape
 * before the library sees it, so a wrong type, a missing field, `null` where an
 * object belongs or an absurdly long string is refused the same way over IPC and
 * HTTP, with `request.invalid` naming the field.
 *
 * A shape's type parameter is invariant (see `Shape.type`), so a description must
 * match its request type exactly: forgetting `optional()` on an optional field, or
 * describing a field the request type lacks, does not compile.
 *
 * Pure code (no Node imports): the web tsconfig compiles it as part of the contract.
 */

/** What a shape admits; thrown from `read` with the path of the offending field. */
export class ShapeProblem extends Error {
  constructor(readonly at: string, readonly expected: string, readonly got: string) {
    super(`${at || 'the request'}: expected ${expected}, got ${got}`);
    this.name = 'ShapeProblem';
  }
}

export interface Shape<T> {
  /** What it expects, in a few words: "a string of at most 500 characters". */
  readonly expects: string;
  /** The value as the method takes it (objects keep only their described fields); throws ShapeProblem. */
  read(value: unknown, at: string): T;
  /** Never set: makes Shape invariant in T, so `Shape<number>` is not a `Shape<number | undefined>`. */
  readonly type?: (value: T) => T;
}

/** Longest string any request field takes unless its shape says otherwise (the web body limit is 1 MB anyway). */
export const MAX_STRING = 100_000;

/** A few words on what arrived, for the problem text; never the value itself (it may be long or private). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'number') return Number.isFinite(value) ? (Number.isInteger(value) ? `the number ${value}` : 'a fractional number') : 'a non-finite number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function shape<T>(expects: string, accepts: (value: unknown) => boolean): Shape<T> {
  return {
    expects,
    read(value, at) {
      if (!accepts(value)) throw new ShapeProblem(at, expects, describeValue(value));
      return value as T;
    },
  };
}

/** A string of at most `max` characters (default MAX_STRING). */
export function text(options: { max?: number } = {}): Shape<string> {
  const max = options.max ?? MAX_STRING;
  return shape(`a string of at most ${max} characters`, (v) => typeof v === 'string' && v.length <= max);
}

/** A whole number within the bounds. */
export function integer(options: { min?: number; max?: number } = {}): Shape<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  const range = options.max === undefined ? `from ${min}` : `from ${min} to ${max}`;
  return shape(`a whole number ${range}`, (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
}

/** One of the listed strings. */
export function oneOf<const V extends readonly string[]>(...values: V): Shape<V[number]> {
  return shape(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => typeof v === 'string' && values.includes(v));
}

/** `inner`, also admitting `extra`; a problem with the value itself is told with the wider expectation. */
function widened<T, E>(inner: Shape<T>, expects: string, extra: E): Shape<T | E> {
  return {
    expects,
    read(value, at) {
      if (value === extra) return extra;
      try {
        return inner.read(value, at);
      } catch (error) {
        if (error instanceof ShapeProblem && error.at === at) throw new ShapeProblem(at, expects, error.got);
        throw error;
      }
    },
  };
}

/** The value, or null. */
export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return widened(inner, `${inner.expects} or null`, null);
}

/** The value, or nothing (an absent field). `null` is not nothing: say `nullable` when it is allowed. */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return widened(inner, `${inner.expects}, or nothing`, undefined);
}

/** A list of at most `max` items, each read by `item`. */
export function list<T>(item: Shape<T>, options: { max: number }): Shape<T[]> {
  return {
    expects: `a list of at most ${options.max} items`,
    read(value, at) {
      if (!Array.isArray(value) || value.length > options.max) throw new ShapeProblem(at, `a list of at most ${options.max} items`, describeValue(value));
      return value.map((v, i) => item.read(v, `${at}[${i}]`));
    },
  };
}

/** The field shapes of an object type: every field of T described, none more. */
export type Fields<T> = { [K in keyof T]-?: Shape<T[K]> };

/**
 * An object with these fields. Fields not described are dropped, so only what
 * the contract names reaches the library; absent optional fields stay absent.
 */
export function record<T extends object>(fields: Fields<T>): Shape<T> {
  const entries = Object.entries(fields) as Array<[string, Shape<unknown>]>;
  return {
    expects: 'an object',
    read(value, at) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeProblem(at, 'an object', describeValue(value));
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, field] of entries) {
        const read = field.read(Object.hasOwn(source, name) ? source[name] : undefined, at === '' ? name : `${at}.${name}`);
        if (read !== undefined) out[name] = read;
      }
      return out as T;
    },
  };
}
