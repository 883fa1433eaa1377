// One settings table: the README's copy is the rendering of SETTINGS, whose defaults loadConfig parses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTINGS } from '../src/config.ts';
import { withSettingsTable } from '../src/settings-table.ts';

describe('settings documentation', () => {
  it('the README lists every setting as SETTINGS states it (run `npm run docs` after changing one)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withSettingsTable(readme));
  });

  it('every default in SETTINGS is one loadConfig accepts', () => {
    expect(() => loadConfig({})).not.toThrow();
    expect(new Set(SETTINGS.map((setting) => setting.name)).size).toBe(SETTINGS.length);
  });
});
