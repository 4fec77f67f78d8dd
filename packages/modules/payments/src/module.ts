// Payments as the server sees it: the channels' protocols (WeChat Pay v3, Alipay) and, in sandbox
// mode, a sandbox that plays both.
import type { ServerModule } from '@zulin/platform';

export const paymentsModule: ServerModule = {
  name: 'payments',
};
