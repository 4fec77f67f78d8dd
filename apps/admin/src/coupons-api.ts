// Marketing's coupon templates in the console (优惠券): list, preview, create, disable, grant.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap } from './ledger-api';

export type CouponTemplate = components['schemas']['CouponTemplate'];
export type CouponKind = CouponTemplate['kind'];
export type CouponTarget = CouponTemplate['target'];
export type CouponTemplateBody = paths['/v1/admin/coupons']['post']['requestBody']['content']['application/json'];

const KEY = ['marketing', 'coupons'] as const;

export function useCouponTemplates() {
  return useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/v1/admin/coupons')) });
}

export function usePreviewCoupon() {
  return useMutation({
    mutationFn: (body: {
      template: CouponTemplateBody;
      example: { rentMinor: number; firstPaymentMinor: number; rentPerPeriodMinor: number; termUnit: 'month' | 'day' };
    }) => unwrap(api.POST('/v1/admin/coupons/preview', { body })),
  });
}

export function useCreateCoupon() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CouponTemplateBody) => unwrap(api.POST('/v1/admin/coupons', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDisableCoupon() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/admin/coupons/{id}/disable', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
