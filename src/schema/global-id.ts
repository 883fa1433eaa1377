import { UserInputError } from '../errors/user-input-error.ts';
import { isValidId, isValidOwner, isValidRepo } from '../github/names.ts';

/**
 * Opaque global ids: base64url of `<Type>:<owner>/<repo>/<databaseId>`, so `node(id:)` needs no other
 * input. Decoding re-checks GitHub's name rules: a forged id cannot smuggle a path into a REST call.
 */
export const NODE_TYPES = ['Job', 'WorkflowRun'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export interface NodeRef {
  typename: NodeTypeName;
  owner: string;
  repo: string;
  databaseId: number;
}

export function rawNodeId(owner: string, repo: string, databaseId: number): string {
  return `${owner}/${repo}/${databaseId}`;
}

export function encodeGlobalId(typename: string, id: bigint | number | string): string {
  return Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const ref = parseNodeId(globalId);
  return { typename: ref.typename, id: rawNodeId(ref.owner, ref.repo, ref.databaseId) };
}

export function parseNodeId(globalId: string): NodeRef {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const match = /^(\w+):([^/]+)\/([^/]+)\/(\d{1,16})$/.exec(text);
  const typename = match?.[1] as NodeTypeName | undefined;
  const owner = match?.[2] ?? '';
  const repo = match?.[3] ?? '';
  const databaseId = Number(match?.[4]);
  if (!typename || !NODE_TYPES.includes(typename) || !isValidOwner(owner) || !isValidRepo(repo) || !isValidId(databaseId)) {
    throw new UserInputError('`id` is not a node id this gateway issued', 'id');
  }
  return { typename, owner, repo, databaseId };
}
