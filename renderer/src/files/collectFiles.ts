/**
 * Turns what the user picked or dropped into named files for `importFiles`. Files of a folder are
 * named by their path relative to the picked or dropped folder's parent, e.g. `aws/describe-vpcs.json`.
 */
import type { ImportFile } from '../../../preload/contract';

export interface PickedFile {
  readonly name: string;
  readonly file: File;
}

export interface Picked {
  readonly files: readonly PickedFile[];
  /** The folder's name when exactly one folder was picked or dropped: a good snapshot name. */
  readonly folderName: string | null;
}

/**
 * Dotfiles (.DS_Store, .git) and macOS resource forks travel inside folders copied from a Mac or a
 * repository; like the core's folder reader, folder picks leave them out. Files chosen one by one stay.
 */
function isHiddenPath(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => segment.startsWith('.') || segment === '__MACOSX');
}

/** From an `<input type=file>` (with or without `webkitdirectory`). */
export function pickedFromFileList(list: FileList | readonly File[]): Picked {
  const files = Array.from(list, (file) => ({ name: file.webkitRelativePath || file.name, file })).filter(
    (f) => !(f.file.webkitRelativePath && isHiddenPath(f.file.webkitRelativePath)),
  );
  const tops = new Set(files.map((f) => (f.file.webkitRelativePath ? f.name.split('/')[0] : null)));
  const [top] = tops;
  return { files, folderName: tops.size === 1 && typeof top === 'string' ? top : null };
}

/**
 * From a drop. Must be called synchronously inside the drop handler: the DataTransfer's items are
 * only readable during the event. Walking the dropped folders happens afterwards, in the promise.
 */
export function pickedFromDrop(transfer: DataTransfer): Promise<Picked> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry) {
      entries.push(entry);
    } else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (entries.length === 0 && loose.length === 0) loose.push(...Array.from(transfer.files));
  return collect(entries, loose);
}

async function collect(entries: readonly FileSystemEntry[], loose: readonly File[]): Promise<Picked> {
  const files: PickedFile[] = loose.map((file) => ({ name: file.name, file }));
  for (const entry of entries) await walk(entry, files);
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const folders = entries.filter((e) => e.isDirectory);
  const folderName =
    folders.length === 1 && entries.length === 1 && loose.length === 0 ? folders[0]?.name : null;
  return { files, folderName: folderName ?? null };
}

async function walk(entry: FileSystemEntry, out: PickedFile[], top = true): Promise<void> {
  const name = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (!top && isHiddenPath(entry.name)) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ name, file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands out a batch at a time (100 in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out, false);
  }
}

export async function readPicked(files: readonly PickedFile[]): Promise<ImportFile[]> {
  return Promise.all(
    files.map(async ({ name, file }) => ({ name, data: new Uint8Array(await file.arrayBuffer()) })),
  );
}
