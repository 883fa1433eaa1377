import { SETTINGS } from './config.ts';

/**
 * The README's settings table, rendered from SETTINGS (config.ts), where each setting's default, its parsing
 * and its `--help` line come from too. `npm run docs` writes it between the README's markers;
 * test/settings-docs.test.ts fails when the README's copy is stale.
 */
export const TABLE_START = '<!-- settings table: generated from src/config.ts by `npm run docs` -->';
export const TABLE_END = '<!-- end of settings table -->';

export function renderSettingsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const shownDefault = (value: string) => (value.startsWith('(') ? value : `\`${value}\``);
  return [
    TABLE_START,
    '| variable | default | meaning |',
    '|---|---|---|',
    ...SETTINGS.map((setting) => `| \`${setting.name}\` | ${shownDefault(setting.default)} | ${cell(setting.description)} |`),
    TABLE_END,
  ].join('\n');
}

/** The README with its settings table replaced by a fresh rendering. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no settings table markers');
  return readme.slice(0, start) + renderSettingsTable() + readme.slice(end + TABLE_END.length);
}
