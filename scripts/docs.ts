/** `npm run docs`: rewrites the README's settings table from src/config.ts' SETTINGS. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from '../src/settings-table.ts';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withSettingsTable(readme));
console.log('docs: README.md settings table written from src/config.ts');
