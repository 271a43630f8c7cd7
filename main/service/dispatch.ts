import { ZodError } from 'zod';
import { type ApiError, type ApiMethodName, apiMethodNames, type Result } from '../../preload/contract';
import { BadInputError, NotFoundError } from '../core/domain/errors';
import { changeFileName, changeShapeError } from '../core/impact/changeSchema';
import type { ServiceMethods } from './faultlineService';
import { PdfError } from './pdfPrinter';
import { argumentSchemas } from './validation';

export function isApiMethod(method: unknown): method is ApiMethodName {
  return typeof method === 'string' && (apiMethodNames as readonly string[]).includes(method);
}

/** Calls one API method with untrusted arguments; never throws, always answers with a Result. */
export async function dispatch(
  service: ServiceMethods,
  method: unknown,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'invalid-argument', message: `Unknown method ${String(method)}.` } };
  }
  try {
    const parsed = argumentSchemas[method].parse(args ?? {});
    const call = service[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(service, parsed) };
  } catch (error) {
    return { ok: false, error: toApiError(method, error) };
  }
}

export function toApiError(method: string, error: unknown): ApiError {
  if (error instanceof BadInputError) {
    return {
      code: 'bad-input',
      message: error.message,
      file: error.file,
      place: error.place,
      files: error.files,
    };
  }
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  if (error instanceof PdfError) return { code: 'unavailable', message: error.message };
  if (error instanceof ZodError) {
    // A what-if edit of the wrong shape (a port of 70000) is named like one the change refuses, at its
    // place in the change (`$.edits[0].rule.fromPort`), so the app marks that edit.
    const inChange = error.issues.find((issue) => issue.path[0] === 'change');
    if (inChange)
      return toApiError(
        method,
        changeShapeError(changeFileName, { ...inChange, path: inChange.path.slice(1) }),
      );
    const issues = error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`);
    return { code: 'invalid-argument', message: `Invalid arguments to ${method}: ${issues.join('; ')}` };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
