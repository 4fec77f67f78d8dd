// The risk pages' data: the review queue and its cases, decisions (whole, with the record), the
// blacklists and allowlists, and rule-set versions (edit, back-test, shadow, publish, roll back).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type RiskReviewCase = components['schemas']['RiskReviewCase'];
export type RiskDecision = components['schemas']['RiskDecision'];
export type RiskDecisionDetail = components['schemas']['RiskDecisionDetail'];
export type RiskDecisionRecord = RiskDecisionDetail['record'];
export type RiskListEntry = components['schemas']['RiskListEntry'];
export type RiskRuleSetVersion = components['schemas']['RiskRuleSetVersion'];
export type RiskBacktest = components['schemas']['RiskBacktest'];
export type RiskOutcome = RiskDecision['outcome'];
export type CaseStatus = RiskReviewCase['status'];
export type CaseOutcome = NonNullable<RiskReviewCase['outcome']>;
export type ListName = RiskListEntry['list'];
export type ListKind = RiskListEntry['kind'];
export type RuleSetStatus = RiskRuleSetVersion['status'];
export type DecisionQuery = NonNullable<paths['/v1/admin/risk/decisions']['get']['parameters']['query']>;
export type ListQuery = NonNullable<paths['/v1/admin/risk/list-entries']['get']['parameters']['query']>;
export type CloseCaseBody = NonNullable<
  paths['/v1/admin/risk/cases/{id}/close']['post']['requestBody']
>['content']['application/json'];

const PAGE_SIZE = 50;
const cursorQuery = (cursor: string | undefined) => (cursor ? { cursor } : {});
const KEY = ['admin', 'risk'] as const;

function useInvalidateRisk() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KEY });
}

/** The open cases, soonest SLA first, 50 a page (refetched every 30 s: every page loaded is refreshed). */
export function useReviewQueue() {
  return useInfiniteQuery({
    queryKey: [...KEY, 'cases'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/admin/risk/cases', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
}

export function useReviewCase(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'case', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/risk/cases/{id}', { params: { path: { id: id as string } } })),
  });
}

export function useClaimCase() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/admin/risk/cases/{id}/claim', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useAddCaseNote() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) =>
      unwrap(api.POST('/v1/admin/risk/cases/{id}/notes', { params: { path: { id } }, body: { text } })),
    onSuccess: invalidate,
  });
}

export function useCloseCase() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CloseCaseBody }) =>
      unwrap(api.POST('/v1/admin/risk/cases/{id}/close', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDecisions(filters: Omit<DecisionQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...KEY, 'decisions', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/risk/decisions', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useDecision(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'decision', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/risk/decisions/{id}', { params: { path: { id: id as string } } })),
  });
}

export function useListEntries(filters: Omit<ListQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...KEY, 'lists', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/risk/list-entries', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useAddListEntry() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: (body: { list: ListName; kind: ListKind; value: string; reason: string }) =>
      unwrap(api.POST('/v1/admin/risk/list-entries', { body })),
    onSuccess: invalidate,
  });
}

export function useRemoveListEntry() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/v1/admin/risk/list-entries/{id}/remove', { params: { path: { id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

export function useRuleSets() {
  return useQuery({ queryKey: [...KEY, 'rule-sets'], queryFn: () => unwrap(api.GET('/v1/admin/risk/rule-sets')) });
}

export function useRuleSet(version: number | undefined) {
  return useQuery({
    queryKey: [...KEY, 'rule-set', version],
    enabled: version !== undefined,
    queryFn: () =>
      unwrap(api.GET('/v1/admin/risk/rule-sets/{version}', { params: { path: { version: version as number } } })),
  });
}

type RuleSetBody = RiskRuleSetVersion['ruleSet'];

export function useCreateDraft() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: (body: { note: string }) => unwrap(api.POST('/v1/admin/risk/rule-sets', { body })),
    onSuccess: invalidate,
  });
}

export function useSaveDraft() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ version, ruleSet, note }: { version: number; ruleSet: RuleSetBody; note: string }) =>
      unwrap(api.PUT('/v1/admin/risk/rule-sets/{version}', { params: { path: { version } }, body: { ruleSet, note } })),
    onSuccess: invalidate,
  });
}

export function useBacktest() {
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(api.POST('/v1/admin/risk/rule-sets/{version}/backtest', { params: { path: { version } }, body: {} })),
  });
}

export function useSetShadow() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ version, shadow }: { version: number; shadow: boolean }) =>
      unwrap(
        api.POST('/v1/admin/risk/rule-sets/{version}/shadow', { params: { path: { version } }, body: { shadow } }),
      ),
    onSuccess: invalidate,
  });
}

export function usePublish() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(api.POST('/v1/admin/risk/rule-sets/{version}/publish', { params: { path: { version } } })),
    onSuccess: invalidate,
  });
}

export function useRollBack() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/admin/risk/rule-sets/rollback')),
    onSuccess: invalidate,
  });
}

// ---- During the rental: phones under the MDM, their commands and locations, alerts, limits ----

export type RiskDevice = components['schemas']['RiskDevice'];
export type RiskDeviceCommand = components['schemas']['RiskDeviceCommand'];
export type RiskDeviceLocation = components['schemas']['RiskDeviceLocation'];
export type RiskAlert = components['schemas']['RiskAlert'];
export type RiskCreditLimit = components['schemas']['RiskCreditLimit'];
export type DeviceCommandStatus = RiskDeviceCommand['status'];
export type DeviceCommandKind = RiskDeviceCommand['kind'];
export type DeviceLockState = RiskDevice['lockState'];
export type AlertStatus = RiskAlert['status'];
export type AlertKind = RiskAlert['kind'];
export type LimitMoveKind = RiskCreditLimit['moves'][number]['kind'];

export function useDevices() {
  return useQuery({
    queryKey: [...KEY, 'devices'],
    queryFn: () => unwrap(api.GET('/v1/admin/risk/devices')),
    refetchInterval: 30_000,
  });
}

/** One phone; refreshed every 10 s while a command waits for the MDM's answer. */
export function useDevice(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'device', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/risk/devices/{id}', { params: { path: { id: id as string } } })),
    refetchInterval: (query) =>
      query.state.data?.commands.some((c) => c.status === 'pending' || c.status === 'sent') ? 10_000 : 60_000,
  });
}

export function useDeviceCommand() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ id, kind, reason }: { id: string; kind: DeviceCommandKind; reason: string }) =>
      kind === 'lock'
        ? unwrap(api.POST('/v1/admin/risk/devices/{id}/lock', { params: { path: { id } }, body: { reason } }))
        : unwrap(api.POST('/v1/admin/risk/devices/{id}/unlock', { params: { path: { id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

export function useAlerts(status: AlertStatus | undefined) {
  return useQuery({
    queryKey: [...KEY, 'alerts', status ?? 'all'],
    queryFn: () => unwrap(api.GET('/v1/admin/risk/alerts', { params: { query: status ? { status } : {} } })),
    refetchInterval: 30_000,
  });
}

export function useResolveAlert() {
  const invalidate = useInvalidateRisk();
  return useMutation({
    mutationFn: ({ id, resolution }: { id: string; resolution: string }) =>
      unwrap(api.POST('/v1/admin/risk/alerts/{id}/resolve', { params: { path: { id } }, body: { resolution } })),
    onSuccess: invalidate,
  });
}

export function useGeofences() {
  return useQuery({
    queryKey: [...KEY, 'geofences'],
    queryFn: () => unwrap(api.GET('/v1/admin/risk/geofences')),
  });
}

export function useCreditLimit(customerId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'credit-limit', customerId],
    enabled: customerId !== undefined,
    queryFn: () =>
      unwrap(api.GET('/v1/admin/risk/customers/{id}/credit-limit', { params: { path: { id: customerId as string } } })),
  });
}
