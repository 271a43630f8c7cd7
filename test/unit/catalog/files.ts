import { readFileSync } from 'node:fs';
import { BadInputError } from '../../../main/core/domain/errors';

const fixtures = new URL('../../fixtures/catalog/', import.meta.url);

export function fixture(name: string): { name: string; data: Uint8Array } {
  return { name, data: readFileSync(new URL(name, fixtures)) };
}

export function textFile(name: string, text: string): { name: string; data: Uint8Array } {
  return { name, data: new TextEncoder().encode(text) };
}

/** The BadInputError `read` throws; any other outcome fails the test. */
export function refusal(read: () => unknown): BadInputError {
  try {
    read();
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}
