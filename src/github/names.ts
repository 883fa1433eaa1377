/**
 * GitHub's naming rules for the two path segments callers supply. Checking them (rather than only
 * encoding) means no input can reach GitHub as a different path: no `..`, `/`, `%2F`, `?`, `#` or spaces.
 * Owners: letters, digits, hyphens (underscores exist on GHES, where logins come from LDAP/SAML), 1..39.
 * Repositories: letters, digits, `.`, `-`, `_`, 1..100, never `.` or `..`.
 */
const OWNER = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export function isValidOwner(owner: string): boolean {
  return OWNER.test(owner);
}

export function isValidRepo(repo: string): boolean {
  return REPO.test(repo) && repo !== '.' && repo !== '..';
}

/** REST ids are positive integers that JSON numbers carry exactly (GitHub's are ~1e11, far below 2^53). */
export function isValidId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0;
}
