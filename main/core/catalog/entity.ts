import { z } from 'zod';
import { BadInputError } from '../domain/errors';
import { longestText, tooLongProblem } from '../input/longestText';
import { parseEntityRef } from './entityRef';
import { docPlace, type YamlDocument } from './yamlDocuments';

/**
 * The parts of a Backstage entity Faultline reads. Other fields are ignored, not refused: catalogs
 * carry links, tags, lifecycle and plugin settings that say nothing about topology.
 */
// Every string read is held to the readers' length limit. Annotations are limited where they are
// read (annotations.ts): the ones Faultline does not read may be as long as their plugin likes.
const text = z.string().max(longestText, { error: (issue) => tooLongProblem(String(issue.input)) });
const name = text.trim().min(1);
/** `[kind:][namespace/]name`. Backstage: "The name is always required." */
const ref = name.refine((written) => parseEntityRef(written).name !== '', {
  message: 'an entity reference needs a name after its kind and namespace',
});
const refs = z.array(ref).default([]);

const metadata = z.object({
  name,
  annotations: z.record(z.string(), z.string()).default({}),
});

/** Component and Resource: both are things other entities depend on and workloads may run. */
const serviceSpec = z
  .object({
    owner: ref.optional(),
    system: ref.optional(),
    dependsOn: refs,
    dependencyOf: refs,
    providesApis: refs,
    consumesApis: refs,
  })
  .default({ dependsOn: [], dependencyOf: [], providesApis: [], consumesApis: [] });

const profile = z.object({ displayName: text.optional(), email: text.optional() }).default({});

const entitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['Component', 'Resource']), metadata, spec: serviceSpec }),
  z.object({
    kind: z.enum(['Group', 'User']),
    metadata,
    spec: z.object({ profile }).default({ profile: {} }),
  }),
  z.object({ kind: z.enum(['API', 'System', 'Domain', 'Location']), metadata }),
]);

export type Entity = z.infer<typeof entitySchema>;
export type ServiceEntity = Extract<Entity, { kind: 'Component' | 'Resource' }>;

const readKinds = new Set(entitySchema.options.flatMap((option) => option.shape.kind.options));

/** A document's entity: apiVersion `backstage.io/...` and a kind Faultline reads. */
function isReadEntity(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return (
    typeof apiVersion === 'string' && apiVersion.startsWith('backstage.io/') && readKinds.has(kind as never)
  );
}

/**
 * The entity in a document, or null for documents that are not Backstage entities of a kind
 * Faultline reads (templates, plugin kinds, empty documents). A read kind with a malformed field is
 * refused, naming the field.
 */
export function readEntity(file: string, document: YamlDocument): Entity | null {
  if (!isReadEntity(document.value)) return null;
  const parsed = entitySchema.safeParse(document.value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const place = docPlace(document.number, issue?.path ?? []);
  throw new BadInputError(`${file} ${place}: ${issue?.message ?? 'not a valid entity'}`, file, place);
}

/** Whether a YAML file is a Backstage catalog: some document declares a `backstage.io/` apiVersion. */
export function looksLikeCatalog(text: string): boolean {
  return /^apiVersion:\s*["']?backstage\.io\//m.test(text);
}
