// The demo funder partner (sandbox only): 华信消费金融 (demo) funds 80 % of an order's principal and
// takes 75 % of its interest. Idempotent: a funder of that name is left as it is.
import { transaction } from '@zulin/db';
import type { AppContext } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { createFunder } from './create-funder';
import { installmentFunders } from './schema';

export const demoFunder = { name: '华信消费金融（演示）', principalShareBps: 8000, interestShareBps: 7500 } as const;

export async function seedFunders(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  return transaction(ctx.database, async (tx) => {
    const [found] = await tx
      .select({ id: installmentFunders.id })
      .from(installmentFunders)
      .where(eq(installmentFunders.name, demoFunder.name));
    if (found) return { created: 0 };
    await createFunder(
      tx,
      { clock: ctx.clock },
      { input: demoFunder, actor: { kind: 'system' }, actorId: 'system:seed' },
    );
    return { created: 1 };
  });
}
