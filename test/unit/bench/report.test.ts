import { describe, expect, it } from 'vitest';
import { highestPeakRss } from '../../../bench/report';

describe('the memory target of a bench run', () => {
  it('is judged on the highest peak RSS of its processes, named, wherever it falls', () => {
    expect(
      highestPeakRss([
        ['the import', 1_216],
        ['the full graph', 3_995],
        ['the what-ifs', 1_605],
      ]),
    ).toEqual({ mb: 3_995, where: 'the full graph' });
    expect(highestPeakRss([['the import', 541]])).toEqual({ mb: 541, where: 'the import' });
  });
});
