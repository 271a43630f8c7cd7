import type Database from 'better-sqlite3';
import { defaultTagKeys, type TagKeys } from '../core/applications/tagKeys';

/** Workspace-wide settings: today, which tag keys name applications, services and owners. */
export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  tagKeys(): TagKeys {
    const row = this.db.prepare("SELECT value FROM setting WHERE key = 'tagKeys'").get() as
      | { value: string }
      | undefined;
    return row ? { ...defaultTagKeys, ...(JSON.parse(row.value) as Partial<TagKeys>) } : defaultTagKeys;
  }

  setTagKeys(keys: TagKeys): void {
    this.db
      .prepare(
        "INSERT INTO setting (key, value) VALUES ('tagKeys', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(JSON.stringify(keys));
  }
}
