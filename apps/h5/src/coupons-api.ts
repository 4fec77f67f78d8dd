// The customer's coupons (marketing): mine with their state, and redeeming a code.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { useSession } from './session';
import { unwrap } from './wallet-api';

export type Coupon = components['schemas']['CustomerCoupon'];
export type CouponState = Coupon['state'];

const KEY = ['coupons', 'mine'] as const;

export function useMyCoupons(enabled = true) {
  const session = useSession();
  return useQuery({
    queryKey: KEY,
    enabled: enabled && session !== null,
    queryFn: () => unwrap(api.GET('/v1/coupons')),
  });
}

export function useRedeemCoupon() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/v1/coupons/redeem', { body: { code } })),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
