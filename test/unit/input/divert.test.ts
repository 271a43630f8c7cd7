import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../../../main/core/input/limits';
import { tempDbFile } from '../helpers/tempWorkspace';
import { collectFiles } from './collect';

describe('collectFiles with a divert', () => {
  it('leaves the files a streaming reader takes unread, asking with their report names', async () => {
    const root = join(dirname(tempDbFile()), 'export');
    mkdirSync(join(root, 'logs'), { recursive: true });
    writeFileSync(join(root, 'vpcs.json'), '{"Vpcs": []}');
    writeFileSync(join(root, 'logs', 'a.log'), 'version srcaddr dstaddr srcport dstport protocol action\n');
    const asked: string[] = [];
    const files = await collectFiles([{ kind: 'path', path: root }], resolveLimits(), async (path, name) => {
      asked.push(name);
      return path.endsWith('.log');
    });
    expect(asked).toEqual(['export/logs/a.log', 'export/vpcs.json']);
    expect(files.map((f) => f.name)).toEqual(['export/vpcs.json']);
  });
});
