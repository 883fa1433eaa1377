import { isValidId, isValidOwner, isValidRepo } from '../github/names.ts';
import { UserInputError } from '../errors/user-input-error.ts';

/** Root-field arguments that become REST path segments; checked before any upstream call. */
export function checkRepo(owner: string, repo: string): void {
  if (!isValidOwner(owner)) throw new UserInputError('`owner` is not a valid GitHub account name', 'owner');
  if (!isValidRepo(repo)) throw new UserInputError('`repo` is not a valid GitHub repository name', 'repo');
}

export function checkId(id: number, argument: string): void {
  if (!isValidId(id)) throw new UserInputError(`\`${argument}\` must be a positive id`, argument);
}
