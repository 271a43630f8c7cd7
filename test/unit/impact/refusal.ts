import { BadInputError } from '../../../main/core/domain/errors';
import type { Estate } from '../../../main/core/domain/estate';
import { applyChange } from '../../../main/core/impact/applyChange';
import type { ChangeEdit } from '../../../main/core/impact/change';

/** The message and place of an edit applyChange refuses; fails the test when it is accepted. */
export function refusal(estate: Estate, edit: ChangeEdit): { message: string; place: string | null } {
  try {
    applyChange(estate, { edits: [edit] });
  } catch (error) {
    if (error instanceof BadInputError) return { message: error.message, place: error.place };
    throw error;
  }
  throw new Error('the edit was accepted');
}
