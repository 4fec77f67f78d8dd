// `zulin` — serve | worker | migrate | seed | tick | reconcile. Every command reads the same environment
// (see config.ts) and stops with one clear line when something is wrong.
import { parseArgs } from 'node:util';
import { isBusinessDate } from '@zulin/kernel';

export class UsageError extends Error {
  override name = 'UsageError';
}

const usage: Record<string, string> = {
  main: `Usage: zulin <command> [options]

Commands:
  serve     Start the API, the web apps and (by default) the worker
  worker    Start only the worker (outbox, inbox, scheduled ticks)
  migrate   Apply database migrations
  seed      Load the demo data set (idempotent)
  tick      Run scheduled ticks for a business date
  reconcile Verify the ledger: recompute every balance, check every invariant
  halts     Parts stopped by a broken invariant: list them, clear one
  staff     Staff accounts: staff create
  keys      Encryption keys of personal data: keys rotate
  evidence  The evidence log: evidence verify [--bundle FILE.zip]

Run "zulin <command> --help" for a command's options. Configuration comes from the
environment: PORT, HOST, DATABASE_URL, ZULIN_DATA_DIR, ZULIN_TZ, ZULIN_MASTER_KEY,
ZULIN_SANDBOX, ZULIN_TRUST_PROXY, ZULIN_METRICS_TOKEN, ZULIN_METRICS_PORT, REDIS_URL,
LOG_LEVEL (see README.md).`,
  serve: `Usage: zulin serve [--no-worker] [--seed]

Starts the HTTP server on HOST:PORT: the API under /v1, the customer app at /,
the console at /admin, the API reference at /docs. Applies pending migrations first.
The server runs in a child process that is replaced within seconds if it dies
(ZULIN_SUPERVISOR=off runs it in this process instead).
  --no-worker   do not run the worker in this process (run "zulin worker" separately)
  --seed        load the demo data set before serving (idempotent)`,
  worker: `Usage: zulin worker

Runs the worker alone: delivers outbox events, applies inbound webhooks and, when this
process holds the leader lock, runs the scheduled ticks.`,
  migrate: `Usage: zulin migrate

Applies every committed migration that the database does not have yet.`,
  seed: `Usage: zulin seed

Loads the demo data set. Running it again changes nothing.`,
  'demo-template': `Usage: zulin demo-template

Loads the demo data set into a template data directory under node_modules/.cache/zulin, which
"zulin serve --seed" copies on a fresh embedded database instead of seeding record by record.
Run by "npm install"; used only within an hour of it, on the same business date, time zone, migrations and compiled
server, in sandbox mode, without DATABASE_URL or ZULIN_MASTER_KEY.`,
  tick: `Usage: zulin tick --date YYYY-MM-DD [--force] [name ...]
       zulin tick --list

Runs the named ticks (all when none is named) for one business date. A tick already done
for that date is skipped unless --force is given.`,
  reconcile: `Usage: zulin reconcile

Recomputes every ledger balance from the transfers in one repeatable-read snapshot and checks
that debits equal credits per currency (posted and pending), that every balance rule holds and
that every hold was resolved consistently. Prints the accounts checked, the totals per currency
and each problem; exits 1 when there is any problem.`,
  halts: `Usage: zulin halts [--clear SCOPE --note TEXT]

Lists the open halts: parts of the system that found one of their invariants broken and
refuse work (the ledger refuses every transfer with 503 LEDGER_HALTED). --clear SCOPE clears
one after a person has looked: for the ledger, only when "zulin reconcile" passes.`,
  staff: `Usage: zulin staff create --username U --role R --password P [--totp-secret BASE32]

Creates a staff account. Roles: admin, operator, risk_reviewer, warehouse, finance,
collector, support, marketing, auditor. Without --totp-secret a secret is generated and
printed with its otpauth:// URL for an authenticator app.`,
  evidence: `Usage: zulin evidence verify [--bundle FILE.zip]

Without --bundle: checks the whole evidence chain in the database (every hash and link) and every
daily root (its Merkle root, signature and RFC 3161 timestamp), and names the first broken entry or
root. With --bundle: checks one contract's proof bundle offline, without the database, and names
the first file, entry or root that does not hold. Exit status 0 when all holds, 1 otherwise.`,
  keys: `Usage: zulin keys rotate [--resume]

Adds a new data key for personal data and re-encrypts every encrypted value under it, in
small batches, while the service runs. --resume only finishes an interrupted rotation
(no new key). Running it again is safe.`,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage.main);
    return command ? 0 : 1;
  }
  if (!(command in usage) || command === 'main') throw new UsageError(`unknown command "${command}"\n\n${usage.main}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(usage[command]);
    return 0;
  }
  // The commands load the server, the database drivers and the modules: only once needed.
  const {
    demoTemplateCommand,
    evidenceVerify,
    halts,
    keysRotate,
    migrate,
    reconcile,
    runWorkerOnly,
    seedCommand,
    serve,
    staffCreate,
    tick,
  } = await import('./commands');
  switch (command) {
    case 'serve': {
      const { values } = parse('serve', () =>
        parseArgs({ args: rest, options: { 'no-worker': { type: 'boolean' }, seed: { type: 'boolean' } } }),
      );
      // The first process supervises; the server runs in a child it replaces if it dies.
      const { isSupervised, supervise } = await import('./supervisor');
      if (!isSupervised() && process.env.ZULIN_SUPERVISOR !== 'off') {
        const { loadConfig } = await import('@zulin/platform/config');
        loadConfig(); // a wrong setting is reported once, here, not by every restarted child
        return supervise();
      }
      return serve({ worker: !values['no-worker'], seed: Boolean(values.seed) });
    }
    case 'worker':
      parse('worker', () => parseArgs({ args: rest, options: {} }));
      return runWorkerOnly();
    case 'migrate':
      parse('migrate', () => parseArgs({ args: rest, options: {} }));
      return migrate();
    case 'seed':
      parse('seed', () => parseArgs({ args: rest, options: {} }));
      return seedCommand();
    case 'demo-template':
      parse('demo-template', () => parseArgs({ args: rest, options: {} }));
      return demoTemplateCommand();
    case 'tick': {
      const { values, positionals } = parse('tick', () =>
        parseArgs({
          args: rest,
          allowPositionals: true,
          options: { date: { type: 'string' }, force: { type: 'boolean' }, list: { type: 'boolean' } },
        }),
      );
      if (values.date !== undefined && !isBusinessDate(values.date)) {
        throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got "${values.date}"`);
      }
      return tick({ date: values.date, force: Boolean(values.force), list: Boolean(values.list), names: positionals });
    }
    case 'evidence': {
      const { values, positionals } = parse('evidence', () =>
        parseArgs({ args: rest, allowPositionals: true, options: { bundle: { type: 'string' } } }),
      );
      if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError(usage.evidence ?? '');
      return evidenceVerify({ bundle: values.bundle });
    }
    case 'reconcile':
      parse('reconcile', () => parseArgs({ args: rest, options: {} }));
      return reconcile();
    case 'halts': {
      const { values } = parse('halts', () =>
        parseArgs({ args: rest, options: { clear: { type: 'string' }, note: { type: 'string' } } }),
      );
      return halts({ clear: values.clear, note: values.note });
    }
    case 'staff': {
      const { values, positionals } = parse('staff', () =>
        parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            username: { type: 'string' },
            role: { type: 'string' },
            password: { type: 'string' },
            'totp-secret': { type: 'string' },
          },
        }),
      );
      if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError(usage.staff);
      if (!values.username || !values.role || !values.password) {
        throw new UsageError(`--username, --role and --password are required\n\n${usage.staff}`);
      }
      return staffCreate({
        username: values.username,
        role: values.role,
        password: values.password,
        totpSecret: values['totp-secret'],
      });
    }
    case 'keys': {
      const { values, positionals } = parse('keys', () =>
        parseArgs({ args: rest, allowPositionals: true, options: { resume: { type: 'boolean' } } }),
      );
      if (positionals[0] !== 'rotate' || positionals.length !== 1) throw new UsageError(usage.keys);
      return keysRotate({ resume: Boolean(values.resume) });
    }
  }
  return 1;
}

function parse<T>(command: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage[command]}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Error && ['ConfigError', 'DatabaseOpenError', 'UsageError', 'AppError'].includes(error.name)) {
      console.error(`zulin: ${error.message}`);
      process.exit(error instanceof UsageError ? 64 : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
