import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const core = join(repo, 'main/core');

/** The table in docs/ARCHITECTURE.md, "Layers and what each may import": core folders only. */
const mayImport: Record<string, readonly string[]> = {
  domain: [],
  input: ['domain'],
  aws: ['domain', 'input'],
  kubernetes: ['domain', 'input', 'analysis', 'catalog'],
  catalog: ['domain', 'input'],
  flowlogs: ['domain', 'input'],
  applications: ['domain', 'input', 'catalog', 'flowlogs'],
  analysis: ['domain', 'kubernetes'],
  findings: ['domain', 'analysis', 'applications', 'kubernetes'],
  impact: ['domain', 'input', 'analysis', 'applications', 'findings', 'kubernetes', 'terraform'],
  terraform: ['domain', 'input', 'analysis', 'applications', 'findings', 'kubernetes', 'impact'],
  views: ['domain', 'applications', 'findings', 'impact', 'kubernetes'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a core file that leaves its folder: `aws/vpcs.ts → input`. */
function crossings(): { file: string; from: string; to: string }[] {
  return sourceFiles(core).flatMap((path) => {
    const from = relative(core, path).split('/')[0] as string;
    const specifiers = [...readFileSync(path, 'utf8').matchAll(/from '(\.[^']*)'/g)].map(
      (m) => m[1] as string,
    );
    return specifiers.flatMap((specifier) => {
      const target = relative(core, resolve(dirname(path), specifier));
      const to = target.startsWith('..') ? `outside core (${target})` : (target.split('/')[0] as string);
      return to === from ? [] : [{ file: relative(repo, path), from, to }];
    });
  });
}

describe('the layers of main/core', () => {
  it('import only what docs/ARCHITECTURE.md says each may', () => {
    const found = crossings();
    // The scan itself must see the layers, or it would pass on nothing.
    expect(found.some((crossing) => crossing.from === 'aws' && crossing.to === 'input')).toBe(true);
    const outOfPlace = found
      .filter(({ from, to }) => !(mayImport[from] ?? []).includes(to))
      .map(({ file, to }) => `${file} imports ${to}`);
    expect(outOfPlace).toEqual([]);
  });

  it('has a rule for every folder', () => {
    const folders = readdirSync(core, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(Object.keys(mayImport).sort());
  });
});
