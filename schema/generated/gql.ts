/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query JobDetails($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    databaseId\n    name\n    workflowName\n    headBranch\n    headSha\n    status\n    conclusion\n    runAttempt\n    createdAt\n    startedAt\n    completedAt\n    duration\n    queuedDuration\n    labels\n    htmlUrl\n    run {\n      id\n      databaseId\n    }\n    runner {\n      id\n      name\n      groupId\n      groupName\n    }\n    steps {\n      number\n      name\n      status\n      conclusion\n      startedAt\n      completedAt\n      duration\n    }\n  }\n}": typeof types.JobDetailsDocument,
    "query JobFailures($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    name\n    status\n    conclusion\n    htmlUrl\n    steps {\n      number\n      name\n      conclusion\n    }\n    logs {\n      errors(ansi: false) {\n        number\n        timestamp\n        content\n      }\n    }\n  }\n}": typeof types.JobFailuresDocument,
    "query RateLimit {\n  rateLimit {\n    limit\n    remaining\n    used\n    resetAt\n    resource\n  }\n}": typeof types.RateLimitDocument,
    "query RunJobsPage($owner: String!, $repo: String!, $runId: BigInt!, $first: Int = 30, $after: String, $attempt: Int, $filter: JobFilter = LATEST) {\n  workflowRun(owner: $owner, repo: $repo, runId: $runId) {\n    id\n    databaseId\n    jobs(first: $first, after: $after, attempt: $attempt, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          databaseId\n          name\n          status\n          conclusion\n          runAttempt\n          startedAt\n          completedAt\n          duration\n          htmlUrl\n          steps {\n            number\n            name\n            status\n            conclusion\n            duration\n          }\n        }\n      }\n    }\n  }\n}": typeof types.RunJobsPageDocument,
};
const documents: Documents = {
    "query JobDetails($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    databaseId\n    name\n    workflowName\n    headBranch\n    headSha\n    status\n    conclusion\n    runAttempt\n    createdAt\n    startedAt\n    completedAt\n    duration\n    queuedDuration\n    labels\n    htmlUrl\n    run {\n      id\n      databaseId\n    }\n    runner {\n      id\n      name\n      groupId\n      groupName\n    }\n    steps {\n      number\n      name\n      status\n      conclusion\n      startedAt\n      completedAt\n      duration\n    }\n  }\n}": types.JobDetailsDocument,
    "query JobFailures($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    name\n    status\n    conclusion\n    htmlUrl\n    steps {\n      number\n      name\n      conclusion\n    }\n    logs {\n      errors(ansi: false) {\n        number\n        timestamp\n        content\n      }\n    }\n  }\n}": types.JobFailuresDocument,
    "query RateLimit {\n  rateLimit {\n    limit\n    remaining\n    used\n    resetAt\n    resource\n  }\n}": types.RateLimitDocument,
    "query RunJobsPage($owner: String!, $repo: String!, $runId: BigInt!, $first: Int = 30, $after: String, $attempt: Int, $filter: JobFilter = LATEST) {\n  workflowRun(owner: $owner, repo: $repo, runId: $runId) {\n    id\n    databaseId\n    jobs(first: $first, after: $after, attempt: $attempt, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          databaseId\n          name\n          status\n          conclusion\n          runAttempt\n          startedAt\n          completedAt\n          duration\n          htmlUrl\n          steps {\n            number\n            name\n            status\n            conclusion\n            duration\n          }\n        }\n      }\n    }\n  }\n}": types.RunJobsPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobDetails($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    databaseId\n    name\n    workflowName\n    headBranch\n    headSha\n    status\n    conclusion\n    runAttempt\n    createdAt\n    startedAt\n    completedAt\n    duration\n    queuedDuration\n    labels\n    htmlUrl\n    run {\n      id\n      databaseId\n    }\n    runner {\n      id\n      name\n      groupId\n      groupName\n    }\n    steps {\n      number\n      name\n      status\n      conclusion\n      startedAt\n      completedAt\n      duration\n    }\n  }\n}"): (typeof documents)["query JobDetails($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    databaseId\n    name\n    workflowName\n    headBranch\n    headSha\n    status\n    conclusion\n    runAttempt\n    createdAt\n    startedAt\n    completedAt\n    duration\n    queuedDuration\n    labels\n    htmlUrl\n    run {\n      id\n      databaseId\n    }\n    runner {\n      id\n      name\n      groupId\n      groupName\n    }\n    steps {\n      number\n      name\n      status\n      conclusion\n      startedAt\n      completedAt\n      duration\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JobFailures($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    name\n    status\n    conclusion\n    htmlUrl\n    steps {\n      number\n      name\n      conclusion\n    }\n    logs {\n      errors(ansi: false) {\n        number\n        timestamp\n        content\n      }\n    }\n  }\n}"): (typeof documents)["query JobFailures($owner: String!, $repo: String!, $jobId: BigInt!) {\n  job(owner: $owner, repo: $repo, jobId: $jobId) {\n    id\n    name\n    status\n    conclusion\n    htmlUrl\n    steps {\n      number\n      name\n      conclusion\n    }\n    logs {\n      errors(ansi: false) {\n        number\n        timestamp\n        content\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RateLimit {\n  rateLimit {\n    limit\n    remaining\n    used\n    resetAt\n    resource\n  }\n}"): (typeof documents)["query RateLimit {\n  rateLimit {\n    limit\n    remaining\n    used\n    resetAt\n    resource\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RunJobsPage($owner: String!, $repo: String!, $runId: BigInt!, $first: Int = 30, $after: String, $attempt: Int, $filter: JobFilter = LATEST) {\n  workflowRun(owner: $owner, repo: $repo, runId: $runId) {\n    id\n    databaseId\n    jobs(first: $first, after: $after, attempt: $attempt, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          databaseId\n          name\n          status\n          conclusion\n          runAttempt\n          startedAt\n          completedAt\n          duration\n          htmlUrl\n          steps {\n            number\n            name\n            status\n            conclusion\n            duration\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query RunJobsPage($owner: String!, $repo: String!, $runId: BigInt!, $first: Int = 30, $after: String, $attempt: Int, $filter: JobFilter = LATEST) {\n  workflowRun(owner: $owner, repo: $repo, runId: $runId) {\n    id\n    databaseId\n    jobs(first: $first, after: $after, attempt: $attempt, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          databaseId\n          name\n          status\n          conclusion\n          runAttempt\n          startedAt\n          completedAt\n          duration\n          htmlUrl\n          steps {\n            number\n            name\n            status\n            conclusion\n            duration\n          }\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;