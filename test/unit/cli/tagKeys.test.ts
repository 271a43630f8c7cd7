import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli';
import { tempDbFile } from '../helpers/tempWorkspace';

describe('faultline tag-keys', () => {
  it.each([
    ['--app', ''],
    ['--service', ' , '],
  ])('refuses %s %j, an empty key list, and keeps the keys it had', async (flag, value) => {
    const db = tempDbFile();
    const before = (await runCli('tag-keys', '--db', db)).out;
    const { code, err } = await runCli('tag-keys', '--db', db, flag, value);
    expect(code).not.toBe(0);
    expect(err).toContain(`tag-keys: ${flag}: give at least one key`);
    expect((await runCli('tag-keys', '--db', db)).out).toBe(before);
  });
});
