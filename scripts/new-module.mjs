#!/usr/bin/env node
// `npm run new-module -- <name>`: writes packages/modules/<name> as docs/modules.md ("Start a
// module") describes it — package.json, index.ts, module.ts, schema.ts, errors.ts, limits.ts,
// events.ts, one use case with its test, one typed route file, routes.ts — and docs/<name>.md.
// It refuses a name that is taken. Then: `npm install` (links @zulin/<name>), add the module to
// packages/product/src/index.ts, write its tables and generate the migration.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The files of a new module `name`, path → text. */
export function moduleFiles(name) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 30) {
    throw new Error(`module name "${name}": lowercase letters and digits, words joined by "-" (at most 30)`);
  }
  const words = name.split('-');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const camel = pascal[0].toLowerCase() + pascal.slice(1);
  const snake = words.join('_');
  const CODE = words.join('_').toUpperCase();
  const dir = `packages/modules/${name}`;
  return {
    [`${dir}/package.json`]: `${JSON.stringify(
      {
        name: `@zulin/${name}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        exports: { '.': './src/index.ts' },
        dependencies: {
          '@zulin/db': '*',
          '@zulin/identity': '*',
          '@zulin/kernel': '*',
          '@zulin/platform': '*',
          'drizzle-orm': '^0.45.4',
          typebox: '^1.4.3',
        },
      },
      null,
      2,
    )}\n`,
    [`${dir}/src/index.ts`]: `// The public face of the ${name} module: the only file other modules may import.
export { ${pascal}Errors } from './errors';
export { ${pascal}Events } from './events';
export { ${pascal}Limits } from './limits';
export { ${camel}Module } from './module';
export { type RecordedNote, recordNote } from './record-note';
`,
    [`${dir}/src/module.ts`]: `// The ${name} module as the server runs it: its routes (and, as it grows, subscribers, ticks,
// sweeps, inbox handlers, adapters and seed).
import type { ServerModule } from '@zulin/platform';
import { ${camel}Routes } from './routes';

export const ${camel}Module: ServerModule = {
  name: '${name}',
  routes: ${camel}Routes,
};
`,
    [`${dir}/src/schema.ts`]: `// The tables the ${name} module owns; no other module reads or writes them. Add a table here, then
// generate the migration: \`npm run db:generate -- --name ${name}\`.
export {};
`,
    [`${dir}/src/errors.ts`]: `// The ${name} module's stable error codes: ${CODE}_<WHAT>, each once.
import { defineErrors } from '@zulin/kernel';

export const ${pascal}Errors = defineErrors({
  ${CODE}_NOTE_INVALID: { status: 422, title: 'The note is not valid' },
});
`,
    [`${dir}/src/limits.ts`]: `// The ${name} module's bounds and defaults, named with their units: no literal bound beside the code.
export const ${pascal}Limits = Object.freeze({
  /** A note's text, in characters. */
  noteLengthMax: 200,
});
`,
    [`${dir}/src/events.ts`]: `// The ${name} module's events: type and payload, shared by the producer and every subscriber.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const ${pascal}Events = defineEvents({
  '${snake}.note_recorded': (p: { noteId: string; customerId: string; text: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof ${pascal}Events> {}
}
`,
    [`${dir}/src/record-note.ts`]: `// Recording a note: the example use case. It runs in the caller's transaction, refuses bad input
// with its own error code, and emits its event in the same transaction.
import { type Executor, emitEvent } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { ${pascal}Errors } from './errors';
import { ${pascal}Limits } from './limits';

export interface RecordedNote {
  noteId: string;
  text: string;
}

export async function recordNote(
  tx: Executor,
  now: Date,
  options: { customerId: string; text: string },
): Promise<RecordedNote> {
  const text = options.text.trim();
  if (text.length === 0 || text.length > ${pascal}Limits.noteLengthMax) {
    throw ${pascal}Errors.${CODE}_NOTE_INVALID({
      errors: [{ path: '/body/text', message: \`1 to \${${pascal}Limits.noteLengthMax} characters\` }],
    });
  }
  const noteId = newId('note');
  await emitEvent(tx, now, {
    type: '${snake}.note_recorded',
    aggregateType: 'note',
    aggregateId: noteId,
    payload: { noteId, customerId: options.customerId, text },
  });
  return { noteId, text };
}
`,
    [`${dir}/src/record-note.test.ts`]: `import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { isAppError } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { ${pascal}Limits } from './limits';
import { recordNote } from './record-note';

describeDb('${name}: recording a note', (get) => {
  const now = new Date('2026-03-01T02:00:00Z');
  const eventsOf = (customerId: string) =>
    queryRows<{ type: string; payload: { text: string } }>(
      get().database.db,
      sql\`select type, payload from outbox where payload->>'customerId' = \${customerId}\`,
    );

  test('a note is recorded with its event, trimmed', async () => {
    const note = await transaction(get().database, (tx) =>
      recordNote(tx, now, { customerId: 'cus_a', text: '  hello  ' }),
    );
    expect(note.text).toBe('hello');
    expect(await eventsOf('cus_a')).toEqual([
      { type: '${snake}.note_recorded', payload: expect.objectContaining({ text: 'hello' }) },
    ]);
  });

  test('a note longer than the limit is refused with its code and leaves nothing', async () => {
    const text = 'x'.repeat(${pascal}Limits.noteLengthMax + 1);
    const refused = await transaction(get().database, (tx) => recordNote(tx, now, { customerId: 'cus_b', text })).catch(
      (error: unknown) => error,
    );
    expect(isAppError(refused) && refused.code).toBe('${CODE}_NOTE_INVALID');
    expect(await eventsOf('cus_b')).toEqual([]);
    const longest = 'x'.repeat(${pascal}Limits.noteLengthMax);
    await transaction(get().database, (tx) => recordNote(tx, now, { customerId: 'cus_b', text: longest }));
    expect(await eventsOf('cus_b')).toHaveLength(1);
  });
});
`,
    [`${dir}/src/routes.ts`]: `// The ${name} module's HTTP API: registers the route files under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import { noteRoutes } from './routes/notes';

export const ${camel}Routes: RoutesPlugin = async (app, options) => {
  await app.register(noteRoutes, options);
};
`,
    [`${dir}/src/routes/notes.ts`]: `// Notes: a customer records one. Typed by its schemas; the use case runs in a command.
import { customerIdOf } from '@zulin/identity';
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { ${pascal}Limits } from '../limits';
import { recordNote } from '../record-note';

export const noteRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.post(
    '/v1/${name}/notes',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['${name}'],
        summary: 'Record a note',
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: ${pascal}Limits.noteLengthMax }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ noteId: Type.String(), text: Type.String() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        recordNote(tx, ctx.clock.now(), { customerId: customerIdOf(request), text: request.body.text }),
      ),
  );
};
`,
    [`docs/${name}.md`]: `# ${pascal}

The rules the ${name} module follows, where docs/DOMAIN.md leaves a choice. Built as
docs/modules.md describes.

## Events

* \`${snake}.note_recorded\` — a customer recorded a note (\`noteId\`, \`customerId\`, \`text\`).

## Errors

* \`${CODE}_NOTE_INVALID\` (422) — an empty note, or one longer than \`${pascal}Limits.noteLengthMax\` characters.
`,
  };
}

/** Writes the files of module `name` under `base` (the repository); refuses to overwrite. */
export function writeModule(name, base = root) {
  const files = moduleFiles(name);
  for (const path of Object.keys(files)) {
    if (existsSync(join(base, path))) throw new Error(`${path} exists: module "${name}" is taken`);
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  return Object.keys(files);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: npm run new-module -- <name>');
    process.exit(2);
  }
  try {
    for (const path of writeModule(name)) console.log(`wrote ${path}`);
    // Line breaks depend on the name's length: let the formatter place them.
    spawnSync('npx', ['biome', 'format', '--write', `packages/modules/${name}`], { cwd: root, stdio: 'inherit' });
    console.log(
      `next: npm install; add ${name} to packages/product/src/index.ts; write its tables in schema.ts and run npm run db:generate -- --name ${name}`,
    );
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
}
