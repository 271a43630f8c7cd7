import { BadInputError } from '../domain/errors';
import type { SourceRef } from '../domain/estate';
import { keyStep } from './jsonPath';
import { StreamedArray } from './jsonStream';
import { tooLongProblem } from './longestText';

/**
 * A parsed JSON value with the file and JSON path it came from. Readers ask it for the shape they
 * expect; a mismatch becomes a BadInputError that names the file, the exact path and what was found,
 * so one helper replaces a hand-written check per field.
 */
export class JsonCursor {
  private cachedPath: string | null = null;

  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly parent: JsonCursor | null,
    private readonly key: string | number,
  ) {}

  /** `path` names the root: `$` for a JSON file, `doc 3 $` for the third document of a YAML file. */
  static root(file: string, value: unknown, path = '$'): JsonCursor {
    return new JsonCursor(file, value, null, path);
  }

  /**
   * Built on demand: most cursors are read and dropped, and only errors and records need their path.
   * Joined in one piece: a path grown step by step from its parent's is a chain of V8 cons strings,
   * and every rule and workload keeps one (a third of an imported estate's heap, all of it copied
   * out of the young generation).
   */
  get path(): string {
    if (this.cachedPath === null) {
      const steps: string[] = [];
      let cursor: JsonCursor = this;
      for (; cursor.parent !== null; cursor = cursor.parent) steps.push(keyStep(cursor.key));
      steps.push(String(cursor.key));
      this.cachedPath = steps.reverse().join('');
    }
    return this.cachedPath;
  }

  get source(): SourceRef {
    return { file: this.file, path: this.path };
  }

  get isMissing(): boolean {
    return this.value === undefined || this.value === null;
  }

  /** A member of this object; missing members give a cursor over `undefined`. */
  at(key: string): JsonCursor {
    const object = this.object();
    // Own properties only: a missing `constructor` must not find Object.prototype's.
    return new JsonCursor(this.file, Object.hasOwn(object, key) ? object[key] : undefined, this, key);
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || isArray(this.value)) this.fail('an object');
    return this.value as Record<string, unknown>;
  }

  items(): JsonCursor[] {
    if (!Array.isArray(this.value)) return [...this.eachItem()];
    return this.value.map((item, index) => new JsonCursor(this.file, item, this, index));
  }

  /** The items one at a time: a top-level array of a large export is parsed only as far as it is read. */
  *eachItem(): Generator<JsonCursor> {
    if (Array.isArray(this.value)) {
      yield* this.items();
      return;
    }
    if (!(this.value instanceof StreamedArray)) this.fail('an array');
    let index = 0;
    for (const item of this.value.values()) yield new JsonCursor(this.file, item, this, index++);
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail('a string');
    const tooLong = tooLongProblem(this.value);
    if (tooLong !== null)
      throw new BadInputError(`${this.file} ${this.path}: ${tooLong}`, this.file, this.path);
    return this.value;
  }

  integer(): number {
    if (!Number.isInteger(this.value))
      this.fail(typeof this.value === 'number' ? 'a whole number' : 'a number');
    return this.value as number;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail('true or false');
    return this.value as boolean;
  }

  /** `read(this)`, or null when the value is missing or JSON null. */
  optional<T>(read: (cursor: JsonCursor) => T): T | null {
    return this.isMissing ? null : read(this);
  }

  str(key: string): string {
    return this.at(key).string();
  }

  optStr(key: string): string | null {
    return this.at(key).optional((c) => c.string());
  }

  int(key: string): number {
    return this.at(key).integer();
  }

  /** A whole number within min..max: a port or rule number outside its range would change verdicts silently. */
  intIn(key: string, min: number, max: number): number {
    const field = this.at(key);
    const value = field.integer();
    if (value < min || value > max) field.fail(`a whole number from ${min} to ${max}`);
    return value;
  }

  bool(key: string): boolean {
    return this.at(key).boolean();
  }

  optBool(key: string): boolean | null {
    return this.at(key).optional((c) => c.boolean());
  }

  /** The items of an array member; AWS leaves empty lists out, so a missing one is empty. */
  list(key: string): JsonCursor[] {
    return this.at(key).optional((c) => c.items()) ?? [];
  }

  /** The first present member among `keys`, for places where AWS prints exactly one of several fields. */
  oneOf<K extends string>(keys: readonly K[]): { key: K; field: JsonCursor } {
    for (const key of keys) {
      const field = this.at(key);
      if (!field.isMissing) return { key, field };
    }
    return this.fail(`one of ${keys.join(', ')}`);
  }

  fail(expected: string): never {
    throw new BadInputError(
      `${this.file} ${this.path}: expected ${expected}, got ${shown(this.value)}`,
      this.file,
      this.path,
    );
  }
}

function isArray(value: unknown): boolean {
  return Array.isArray(value) || value instanceof StreamedArray;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to read';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
