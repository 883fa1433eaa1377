// `npm start`: builds dist/ first if a source is newer (scripts/build.mjs; a few stat calls when it is not), then
// runs the built server in this same process. One node start instead of two (a separate `prestart` stale check
// cost a whole node start before the server's own).
import { build, isStale } from './build.mjs';

if (isStale()) await build();
await import('../dist/src/server.js');
