/** What a what-if text field reads as: a value for the edit, or why it cannot be one, shown by the field. */
export type TextRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };
