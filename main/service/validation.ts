import { z } from 'zod';
import type { ApiArgs, ApiMethodName } from '../../preload/contract';
import { findingKinds } from '../core/findings/types';
import { proposedChangeSchema } from '../core/impact/changeSchema';
import { reportFormats } from '../core/impact/report/index';

const snapshotId = z.number().int().positive();
const snapshotName = z.string().trim().min(1, 'a name cannot be empty').max(200);
const tagKeyList = z
  .array(z.string().trim().min(1).max(128))
  .min(1, 'give at least one key: with none, no workload could be named by its tags')
  .max(20);
const endpoint = z.string().trim().min(1, 'name an ENI, instance or private IP').max(200);

/** One of change, plan or compare; checked field by field so a bad edit is named by its path. */
const impactFields = {
  snapshotId: snapshotId.optional(),
  change: proposedChangeSchema.optional(),
  plan: z
    .object({
      name: z.string().trim().min(1).max(4096),
      data: z
        .instanceof(Uint8Array)
        .refine((data) => data.byteLength > 0, 'the plan file is empty')
        .refine((data) => data.byteLength <= 256 * 1024 * 1024, 'a plan file is at most 256 MB'),
    })
    .strict()
    .optional(),
  compare: z.tuple([snapshotId, snapshotId]).optional(),
};
const oneImpactSubject = (args: {
  change?: unknown;
  plan?: unknown;
  compare?: unknown;
  snapshotId?: unknown;
}) =>
  [args.change, args.plan, args.compare].filter((one) => one !== undefined).length === 1 &&
  !(args.compare !== undefined && args.snapshotId !== undefined);
const impactSubjectMessage = 'give one of change, plan (with an optional snapshotId) or compare';

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
  impact: z.object(impactFields).strict().refine(oneImpactSubject, impactSubjectMessage) as z.ZodType<
    ApiArgs<'impact'>
  >,
  impactReport: z
    .object({ ...impactFields, format: z.enum(reportFormats as [string, ...string[]]) })
    .strict()
    .refine(oneImpactSubject, impactSubjectMessage) as z.ZodType<ApiArgs<'impactReport'>>,
  impactPdf: z.object(impactFields).strict().refine(oneImpactSubject, impactSubjectMessage) as z.ZodType<
    ApiArgs<'impactPdf'>
  >,
  tagKeys: z
    .object({
      set: z.object({ app: tagKeyList, service: tagKeyList, owner: tagKeyList }).strict().optional(),
    })
    .strict(),
};
