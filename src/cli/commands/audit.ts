import type { Command } from 'commander';
import { toFhirAuditBundle } from '../../auth/audit-fhir.js';
import { HealthGptError } from '../../engine/errors.js';
import type { AuditFilter } from '../../store/store.js';
import type { CliContext } from '../context.js';

interface AuditOptions {
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit: string;
  offset: string;
  fhir?: boolean;
}

function filterOf(options: AuditOptions): AuditFilter {
  const limit = Number(options.limit);
  const offset = Number(options.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw HealthGptError.invalid(`--limit must be a whole number from 1 to 10000, not '${options.limit}'`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw HealthGptError.invalid(`--offset must be a whole number ≥ 0, not '${options.offset}'`);
  }
  if (options.outcome !== undefined && options.outcome !== 'success' && options.outcome !== 'failure') {
    throw HealthGptError.invalid(`--outcome must be success or failure, not '${options.outcome}'`);
  }
  for (const [name, value] of [
    ['--since', options.since],
    ['--until', options.until],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw HealthGptError.invalid(`${name} must be an ISO 8601 time (2026-01-31T00:00:00Z), not '${value}'`);
    }
  }
  const iso = (value: string | undefined) =>
    value === undefined ? undefined : new Date(value).toISOString();
  const since = iso(options.since);
  const until = iso(options.until);
  return {
    limit,
    offset,
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.action ? { action: options.action } : {}),
    ...(options.resourceType ? { resourceType: options.resourceType } : {}),
    ...(options.resourceId ? { resourceId: options.resourceId } : {}),
    ...(options.outcome ? { outcome: options.outcome as 'success' | 'failure' } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  };
}

/** `healthgpt audit list` (filters, paging, `--fhir` for a FHIR AuditEvent Bundle) and `healthgpt audit verify`. */
export function registerAuditCommands(program: Command, cli: CliContext) {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');
  audit
    .command('list')
    .description('audit entries, newest first')
    .option('--actor <principal>', 'e.g. user:alice, token:scanner')
    .option('--action <action>', 'e.g. case.read')
    .option('--resource-type <type>')
    .option('--resource-id <id>')
    .option('--outcome <outcome>', 'success or failure')
    .option('--since <time>', 'ISO 8601, inclusive')
    .option('--until <time>', 'ISO 8601, inclusive')
    .option('--limit <n>', 'entries per page (1 to 10000)', '100')
    .option('--offset <n>', 'entries to skip', '0')
    .option('--fhir', 'print a FHIR R4 Bundle of AuditEvent resources (JSON)')
    .action((options: AuditOptions) => {
      const page = cli.app().store.audit.search(filterOf(options));
      if (options.fhir) {
        cli.print(toFhirAuditBundle(page.items, page.total), (bundle) => JSON.stringify(bundle, null, 2));
        return;
      }
      cli.print({ items: page.items, total: page.total }, ({ items, total }) =>
        [
          ...items.map(
            (e) =>
              `${e.at}  ${e.outcome === 'success' ? 'ok  ' : 'FAIL'}  ${e.actor}${e.role ? ` (${e.role})` : ''}  ${e.action}  ${e.resourceType}${e.resourceId ? `/${e.resourceId}` : ''}${e.clientAddress ? `  from ${e.clientAddress}` : ''}`,
          ),
          `${items.length} of ${total}`,
        ].join('\n'),
      );
    });
  audit
    .command('verify')
    .description('check the hash chain; exits 1 when an entry was changed, removed or reordered')
    .action(() => {
      const result = cli.app().store.audit.verify();
      cli.print(result, (r) =>
        r.ok
          ? `audit log intact: ${r.checked} chained entries${r.unchained ? ` (+${r.unchained} from before the chain)` : ''}; head ${r.head ?? '(empty)'}`
          : `audit log BROKEN at entry ${r.brokenAt?.id}: ${r.brokenAt?.reason} (${r.checked} entries before it check out)`,
      );
      if (!result.ok) throw new HealthGptError('conflict', 'the audit log does not verify');
    });
}
