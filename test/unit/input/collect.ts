import {
  type Divert,
  type ImportInput,
  type InputFile,
  listFiles,
  readAhead,
} from '../../../main/core/input/importInput';
import type { ImportLimits } from '../../../main/core/input/limits';

/** Every file the inputs hold, with its bytes, in order: what an import goes through one by one. */
export async function collectFiles(
  inputs: readonly ImportInput[],
  limits: ImportLimits,
  divert?: Divert,
): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for await (const { name, data, skipReason } of readAhead(
    await listFiles(inputs, limits, undefined, divert),
  ))
    files.push({ name, data, skipReason });
  return files;
}
