import type { GitHubSimpleUser } from '../github/types.ts';
import { builder } from './builder.ts';

/** A run's actor or triggering actor: GitHub's `simple-user`, as much of it as a dashboard shows. */
export const ActorRef = builder.objectRef<GitHubSimpleUser>('Actor').implement({
  description: 'The user (or bot) who triggered a workflow run',
  fields: (t) => ({
    login: t.exposeString('login'),
    avatarUrl: t.field({ type: 'URL', nullable: true, resolve: (user) => user.avatar_url || null }),
    htmlUrl: t.field({ type: 'URL', nullable: true, resolve: (user) => user.html_url || null }),
  }),
});
