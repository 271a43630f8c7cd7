import { BadInputError } from '../../../main/core/domain/errors';

/** The BadInputError a promise rejects with; any other outcome fails the test. */
export async function refusal(pending: Promise<unknown>): Promise<BadInputError> {
  const error = await pending.then(
    () => new Error('expected the input to be refused'),
    (caught: unknown) => caught,
  );
  if (error instanceof BadInputError) return error;
  throw error;
}
