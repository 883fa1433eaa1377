/**
 * Thrown anywhere below the schema when a caller's argument is unusable; src/errors/translate.ts turns it into
 * BAD_USER_INPUT. Its message is written for the caller and must not echo secrets.
 */
export class UserInputError extends Error {
  override name = 'UserInputError';
  constructor(
    message: string,
    readonly argument?: string,
  ) {
    super(message);
  }
}
