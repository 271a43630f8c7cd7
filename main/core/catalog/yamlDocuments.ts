import { Composer, type Document, isMap, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import { BadInputError } from '../domain/errors';
import { isHostileKey } from '../input/hostileKeys';
import { childPath } from '../input/jsonPath';

/**
 * Enough for any real catalog (Backstage's own example repository has a few hundred entities) and
 * small enough that a file of nothing but `---` lines fails fast instead of building millions of
 * documents.
 */
export const maxDocumentsPerFile = 10_000;

/**
 * Each alias may be expanded at most this many times over when a document becomes plain values: the
 * "billion laughs" bomb nests aliases of aliases so a few lines expand to gigabytes.
 */
const maxAliasCount = 100;

export interface YamlDocument {
  /** 1-based position of the document in its file. */
  readonly number: number;
  readonly value: unknown;
  /** The comment before the document's content (Helm writes `# Source: chart/templates/x.yaml` there). */
  readonly comment: string | null;
  /** The line the node at `path` starts on, for messages about a list item. */
  lineAt(path: readonly (string | number)[]): number | null;
}

/** `doc 3 $.spec.dependsOn[1]` */
export function docPlace(document: number, path: readonly PropertyKey[]): string {
  const json = path.reduce<string>(
    (place, key) => childPath(place, typeof key === 'number' ? key : String(key)),
    '$',
  );
  return `doc ${document} ${json}`;
}

/**
 * The documents of a (multi-document) YAML file, one at a time. Streams through the composer rather
 * than `parseAllDocuments` so the document limit stops a hostile file before it is all built.
 * Duplicate keys are errors (`uniqueKeys`), so the value a reader sees is the one the author saw.
 */
export function* yamlDocuments(file: string, text: string): Generator<YamlDocument> {
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: true, strict: true });
  let number = 0;
  for (const document of composer.compose(new Parser(lines.addNewLine).parse(text), true, text.length)) {
    number++;
    if (number > maxDocumentsPerFile) {
      throw new BadInputError(
        `${file} holds more than ${maxDocumentsPerFile} YAML documents, more than any catalog needs`,
        file,
      );
    }
    const [error] = document.errors;
    if (error !== undefined) {
      const { line, col } = lines.linePos(error.pos[0]);
      const place = `line ${line}, column ${col}`;
      if (overflowed(error.message)) throw tooDeep(file, place);
      throw new BadInputError(`${file} is not valid YAML at ${place}: ${error.message}`, file, place);
    }
    rejectHostileKeys(file, number, document);
    yield {
      number,
      value: toValue(file, number, document),
      comment: document.commentBefore ?? document.contents?.commentBefore ?? null,
      lineAt: (path) => {
        const node = document.getIn(path, true);
        return isScalar(node) || isMap(node) || isSeq(node) ? lines.linePos(node.range?.[0] ?? 0).line : null;
      },
    };
  }
}

function toValue(file: string, number: number, document: Document.Parsed): unknown {
  try {
    return document.toJS({ maxAliasCount });
  } catch (error) {
    // The yaml package throws a ReferenceError when the alias count is exceeded.
    const place = `doc ${number}`;
    const message = (error as Error).message;
    if (overflowed(message)) throw tooDeep(file, place);
    throw new BadInputError(`${file} ${place} cannot be read: ${message}`, file, place);
  }
}

/** The parser recurses per level of nesting: valid YAML nested deeply enough runs it out of stack. */
function overflowed(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
}

function tooDeep(file: string, place: string): BadInputError {
  return new BadInputError(
    `${file} is nested too deeply to read at ${place}: no catalog or manifest nests lists and mappings thousands of levels deep`,
    file,
    place,
  );
}

/**
 * Walks the syntax tree, not the plain values: aliases are not followed (their anchor was already
 * walked), so an alias bomb costs this walk nothing, and every key is seen as written.
 */
function rejectHostileKeys(file: string, number: number, document: Document.Parsed): void {
  const pending: [unknown, string][] = [[document.contents, '$']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, path] = next;
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        pending.push([item, childPath(path, index)]);
      });
    }
    if (!isMap(node)) continue;
    for (const { key, value } of node.items) {
      if (!isScalar(key)) {
        throw refusedKey(file, `doc ${number} ${path}`, 'a key that is not plain text is not allowed');
      }
      const name = String(key.value);
      const keyPath = childPath(path, name);
      // No catalog needs these keys: refused rather than trusted to every later reader (hostileKeys.ts).
      if (isHostileKey(name)) {
        throw refusedKey(file, `doc ${number} ${keyPath}`, `the key ${name} is not allowed in an import`);
      }
      pending.push([value, keyPath]);
    }
  }
}

function refusedKey(file: string, place: string, problem: string): BadInputError {
  return new BadInputError(`${file} ${place}: ${problem}`, file, place);
}
