import { decompress } from './compression';

/** Objects per stored page: large enough that SQLite's per-row work vanishes, small enough to stream. */
export const pageSize = 1000;

/**
 * A row of `estate_page` or `finding_page`: brotli-compressed JSON, or plain JSON text in estate pages
 * migrated from v5.
 */
export interface StoredPage {
  readonly content: Buffer | string;
}

/**
 * `{ "objects": [...] }`. Estate pages written by schema v6 also hold `rawIndex`, and those migrated
 * from v5 `raws`: each object's original JSON, which v7 keeps as whole files instead
 * (sourceOriginals.ts).
 */
interface PageDocument {
  readonly objects: Record<string, unknown>[];
}

export const pageText = (objects: readonly object[]): string => JSON.stringify({ objects });

export function decodePage({ content }: StoredPage): Record<string, unknown>[] {
  const text = typeof content === 'string' ? content : decompress(content).toString('utf8');
  return (JSON.parse(text) as PageDocument).objects;
}
