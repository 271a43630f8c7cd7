import { z } from 'zod';
import type { ApiArgs, ApiMethodName } from '../../preload/contract';
import { findingKinds } from '../core/findings/types';

const snapshotId = z.number().int().positive();
const snapshotName = z.string().trim().min(1, 'a name cannot be empty').max(200);
const tagKeyList = z.array(z.string().trim().min(1).max(128)).min(1).max(20);
const endpoint = z.string().trim().min(1, 'name an ENI, instance or private IP').max(200);

/**
 * The argument schema of every API method. The renderer is untrusted: nothing reaches the service
 * without passing these. A method missing here does not compile.
 */
export const argumentSchemas: { [K in ApiMethodName]: z.ZodType<ApiArgs<K>> } = {
  listSnapshots: z.object({}).strict(),
  renameSnapshot: z.object({ id: snapshotId, name: snapshotName }).strict(),
  deleteSnapshot: z.object({ id: snapshotId }).strict(),
  importFiles: z
    .object({
      name: snapshotName.optional(),
      files: z
        .array(z.object({ name: z.string().min(1).max(4096), data: z.instanceof(Uint8Array) }).strict())
        .min(1, 'choose at least one file')
        .max(100_000),
    })
    .strict(),
  checkFlow: z
    .object({
      snapshotId: snapshotId.optional(),
      source: endpoint,
      destination: endpoint,
      protocol: z.string().trim().min(1).max(16),
      port: z.number().int().min(0).max(65535).nullable(),
    })
    .strict(),
  segmentGraph: z.object({ snapshotId: snapshotId.optional() }).strict(),
  applications: z.object({ snapshotId: snapshotId.optional() }).strict(),
  findings: z
    .object({
      snapshotId: snapshotId.optional(),
      kinds: z
        .array(z.enum(findingKinds as [string, ...string[]]))
        .max(20)
        .optional(),
      severities: z
        .array(z.enum(['high', 'medium', 'low']))
        .max(3)
        .optional(),
      owner: z.string().trim().min(1).max(200).optional(),
      objectId: z.string().trim().min(1).max(200).optional(),
    })
    .strict() as z.ZodType<ApiArgs<'findings'>>,
  topology: z.object({ snapshotId: snapshotId.optional() }).strict(),
  tagKeys: z
    .object({
      set: z.object({ app: tagKeyList, service: tagKeyList, owner: tagKeyList }).strict().optional(),
    })
    .strict(),
};
