import { SETTINGS } from './config.ts';

/** `--help`: every setting from SETTINGS with its default, read from the environment at start. */
export function renderHelp(): string {
  const width = Math.max(...SETTINGS.map((s) => s.name.length));
  const lines = SETTINGS.map((s) => `  ${s.name.padEnd(width)}  ${s.description} (default: ${s.default})`);
  return [
    'actions-jobs-gateway: a GraphQL gateway over GitHub Actions\' workflow-jobs REST API',
    '',
    'usage: npm start [-- --help]      (or, once built: node dist/src/server.js)',
    '',
    'Settings are environment variables; a bad value stops the process with one line naming it.',
    '',
    ...lines,
    '',
  ].join('\n');
}
