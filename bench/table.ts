// Renders the bench results as a Markdown table (pasted as is into the README and the closing note).
export interface Row {
  workload: string;
  path: string;
  requests?: number;
  points?: number;
  roundTrips?: number;
  p50?: number;
  p95?: number;
  throughput?: number;
}

const COLUMNS: Array<{ title: string; cell: (row: Row) => string; right?: boolean }> = [
  { title: 'workload', cell: (row) => row.workload },
  { title: 'path', cell: (row) => row.path },
  { title: 'upstream requests', cell: (row) => int(row.requests), right: true },
  { title: 'rate-limit points', cell: (row) => int(row.points), right: true },
  { title: 'client round trips', cell: (row) => int(row.roundTrips), right: true },
  { title: 'p50 ms', cell: (row) => ms(row.p50), right: true },
  { title: 'p95 ms', cell: (row) => ms(row.p95), right: true },
  { title: 'req/s', cell: (row) => int(row.throughput === undefined ? undefined : Math.round(row.throughput)), right: true },
];

export function renderTable(rows: Row[]): string {
  const cells = rows.map((row, index) => COLUMNS.map((column, c) => (c === 0 && index > 0 && rows[index - 1]?.workload === row.workload ? '' : column.cell(row))));
  const widths = COLUMNS.map((column, c) => Math.max(column.title.length, ...cells.map((line) => (line[c] ?? '').length)));
  const pad = (text: string, c: number) => (COLUMNS[c]?.right ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0));
  const line = (values: string[]) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((width, c) => (COLUMNS[c]?.right ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(COLUMNS.map((column) => column.title)), rule, ...cells.map(line)].join('\n');
}

export interface Check {
  target: string;
  ok: boolean;
  detail: string;
}

export function renderChecks(checks: Check[]): string {
  return checks.map((check) => `${check.ok ? 'PASS' : 'MISS'}  ${check.target}: ${check.detail}`).join('\n');
}

function int(value: number | undefined): string {
  return value === undefined ? '–' : String(value);
}

function ms(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(2);
}
