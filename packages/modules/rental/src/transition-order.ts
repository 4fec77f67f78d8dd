// The one way an order changes state: transition(order, event) looks the action up in the machine
// (order-machine.ts), checks who asks, the after-sale rule (one return, buyout, renewal or swap open
// at a time) and the guards, and returns the order's next snapshot with the transition taken, for
// the use case to write with its audit entry, outbox event and evidence entry in one transaction.
import { AppError, assert, type ErrorFactory } from '@zulin/kernel';
import { RentalErrors } from './errors';
import {
  type AfterSaleKind,
  type OrderAction,
  type OrderActor,
  type OrderFact,
  type OrderGuard,
  type OrderState,
  type OrderTransition,
  transitionFor,
} from './order-machine';

export interface OrderSnapshot {
  status: OrderState;
  openAfterSale: AfterSaleKind | null;
}

export interface OrderEvent {
  action: OrderAction;
  actor: OrderActor;
  /** The facts the use case has established; a guard's fact that is missing or false refuses the move. */
  facts?: Partial<Record<OrderFact, boolean>>;
}

export interface TransitionResult {
  from: OrderState;
  to: OrderState;
  order: OrderSnapshot;
  transition: OrderTransition;
}

/** A refused move, naming the order's state, the action and (when one failed) the guard. */
export class OrderTransitionError extends AppError {
  readonly state: OrderState;
  readonly action: OrderAction;
  readonly guard: OrderGuard | null;

  constructor(
    factory: ErrorFactory,
    refusal: { state: OrderState; action: OrderAction; guard?: OrderGuard; detail: string },
  ) {
    super(factory.code, factory.status, factory.title, {
      detail: refusal.detail,
      errors: [{ path: '/status', message: refusal.detail, code: refusal.action }],
    });
    this.state = refusal.state;
    this.action = refusal.action;
    this.guard = refusal.guard ?? null;
  }
}

export function transition(order: OrderSnapshot, event: OrderEvent): TransitionResult {
  const { status: state } = order;
  const { action } = event;
  const found = transitionFor(state, action);
  if (found === undefined) {
    throw new OrderTransitionError(RentalErrors.RENTAL_TRANSITION_NOT_ALLOWED, {
      state,
      action,
      detail: `Cannot ${action} an order that is ${state}.`,
    });
  }
  if (!found.actors.includes(event.actor)) {
    throw new OrderTransitionError(RentalErrors.RENTAL_TRANSITION_NOT_ALLOWED, {
      state,
      action,
      detail: `The ${event.actor} may not ${action} an order that is ${state}.`,
    });
  }
  for (const guard of found.guards) {
    const refusal = checkGuard(guard, order, event);
    if (refusal !== null)
      throw new OrderTransitionError(refusal.factory, { state, action, guard, detail: refusal.detail });
  }
  const to = found.to ?? state;
  const openAfterSale = nextAfterSale(order.openAfterSale, found);
  return { from: state, to, order: { status: to, openAfterSale }, transition: found };
}

function checkGuard(
  guard: OrderGuard,
  order: OrderSnapshot,
  event: OrderEvent,
): { factory: ErrorFactory; detail: string } | null {
  switch (guard.kind) {
    case 'no_after_sale_open':
      return order.openAfterSale === null
        ? null
        : {
            factory: RentalErrors.RENTAL_AFTER_SALE_OPEN,
            detail: `A ${order.openAfterSale} is open; finish or drop it first.`,
          };
    case 'after_sale_open':
      return order.openAfterSale === guard.afterSale
        ? null
        : {
            factory: RentalErrors.RENTAL_TRANSITION_GUARD_FAILED,
            detail: `No ${guard.afterSale} is open on this order.`,
          };
    case 'fact':
      return event.facts?.[guard.fact] === true
        ? null
        : {
            factory: RentalErrors.RENTAL_TRANSITION_GUARD_FAILED,
            detail: `Cannot ${event.action}: ${guard.fact} is not met.`,
          };
  }
}

function nextAfterSale(open: AfterSaleKind | null, t: OrderTransition): AfterSaleKind | null {
  if (t.opensAfterSale !== undefined) {
    assert(open === null, 'the guard keeps a second after-sale action from opening');
    return t.opensAfterSale;
  }
  if (t.closesAfterSale !== undefined) {
    assert(open === t.closesAfterSale, 'an after-sale action closes only when it is the open one');
    return null;
  }
  return open;
}
