/**
 * A tiny schema language for the JSON contract. Each schema both validates an unknown value and
 * gives its TypeScript type through {@link Infer}, so a shape is written once and used by widget,
 * console and server alike. Kept deliberately small: it ships in the widget's first payload.
 */

/** One reason a value does not fit its schema: where, what was expected, what was found. */
export interface SchemaIssue {
  /** Dotted path from the root, e.g. `products[0].name`; empty for the root itself. */
  path: string;
  expected: string;
  received: string;
}

export type SchemaResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

/** A validator for values of type `T`. */
export interface Schema<T> {
  readonly expected: string;
  check(value: unknown, path: string, issues: SchemaIssue[]): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function schema<T>(expected: string, test: (value: unknown) => boolean): Schema<T> {
  return {
    expected,
    check(value, path, issues) {
      if (!test(value)) issues.push({ path, expected, received: describe(value) });
      return value as T;
    },
  };
}

/**
 * A non-empty string of at most `max` characters, optionally matching `pattern`, without control
 * characters (C0 and DEL): they forge lines in mails and logs, and Postgres refuses NUL outright.
 * `lines` lets a multi-line field (a note, a comment) keep line feeds and tabs.
 */
export function text(options: { max?: number; pattern?: RegExp; expected?: string; lines?: boolean } = {}) {
  const { max = 1000, pattern } = options;
  const controls = options.lines ? /[\0-\b\v-\x1f\x7f]/ : /[\0-\x1f\x7f]/;
  const expected = options.expected ?? `text of 1 to ${max} characters`;
  return schema<string>(
    expected,
    (v) => typeof v === 'string' && v.length > 0 && v.length <= max && !controls.test(v) && (!pattern || pattern.test(v)),
  );
}

export function integer(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return schema<number>(
    `a whole number from ${min} to ${max}`,
    (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
  );
}

export function boolean() {
  return schema<boolean>('true or false', (v) => typeof v === 'boolean');
}

export function literal<const T extends string>(...values: T[]) {
  return schema<T>(
    `one of ${values.map((v) => `"${v}"`).join(', ')}`,
    (v) => values.includes(v as T),
  );
}

export function array<T>(item: Schema<T>, options: { min?: number; max?: number } = {}): Schema<T[]> {
  const { min = 0, max = 1000 } = options;
  return {
    expected: `a list of ${min} to ${max} items`,
    check(value, path, issues) {
      if (!Array.isArray(value) || value.length < min || value.length > max) {
        issues.push({ path, expected: this.expected, received: describe(value) });
        return value as T[];
      }
      value.forEach((v, i) => item.check(v, `${path}[${i}]`, issues));
      return value as T[];
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type Optional<T> = Schema<T | undefined> & { optional: true };
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>;
};

/** Marks an object field as optional: absent (or `undefined`) is fine, otherwise it must fit. */
export function optional<T>(inner: Schema<T>): Optional<T> {
  return {
    optional: true,
    expected: inner.expected,
    check: (value, path, issues) => (value === undefined ? undefined : inner.check(value, path, issues)),
  };
}

/**
 * An object with exactly these fields. Unknown fields are reported too: in a hand-edited config
 * a misspelt key (`prodcuts`) would otherwise be silently ignored.
 */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
    expected: 'an object',
    check(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push({ path, expected: 'an object', received: describe(value) });
        return value as ObjectOf<S>;
      }
      const record = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(shape)) {
        field.check(record[key], path ? `${path}.${key}` : key, issues);
      }
      for (const key of Object.keys(record)) {
        if (!(key in shape)) {
          issues.push({ path: path ? `${path}.${key}` : key, expected: 'no such field', received: describe(record[key]) });
        }
      }
      return value as ObjectOf<S>;
    },
  };
}

/**
 * An object used as a map: every key must match `key`, every value must fit `value`. For the
 * config's theme tokens and text overrides, whose keys are names rather than a fixed shape.
 */
export function record<T>(
  key: { pattern: RegExp; expected: string },
  value: Schema<T>,
  options: { max?: number } = {},
): Schema<Record<string, T>> {
  const { max = 200 } = options;
  return {
    expected: `an object of at most ${max} entries`,
    check(input, path, issues) {
      if (typeof input !== 'object' || input === null || Array.isArray(input) || Object.keys(input).length > max) {
        issues.push({ path, expected: this.expected, received: describe(input) });
        return input as Record<string, T>;
      }
      for (const [name, v] of Object.entries(input)) {
        const at = path ? `${path}.${name}` : name;
        if (!key.pattern.test(name)) issues.push({ path: at, expected: key.expected, received: 'that name' });
        else value.check(v, at, issues);
      }
      return input as Record<string, T>;
    },
  };
}

/** Validates `value` against `s`, collecting every issue rather than stopping at the first. */
export function parse<T>(s: Schema<T>, value: unknown): SchemaResult<T> {
  const issues: SchemaIssue[] = [];
  const checked = s.check(value, '', issues);
  return issues.length ? { ok: false, issues } : { ok: true, value: checked };
}

/** One line per issue, for a web team's console: `products[0].name: expected …, got …`. */
export function formatIssues(issues: SchemaIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: expected ${i.expected}, got ${i.received}`).join('\n');
}
