// The security headers every answer carries (helmet's: Content-Security-Policy, HSTS, nosniff,
// frame and referrer rules, …), computed once when the app is built. @fastify/helmet built helmet's
// middleware again for every request and parsed the policy each time — about a tenth of the CPU of a
// cached catalog listing (bench/README.md, "Catalog search", 5 December 2026). Our configuration is
// one static policy for every route (no nonces, no per-route options), so the headers are the same
// for every request and are simply copied.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** The policy: the web apps and Swagger UI load only from this origin; antd writes styles at run time. */
export const securityHeaderOptions: Readonly<HelmetOptions> = Object.freeze({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // antd writes its styles at run time; Swagger UI too.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
});

/** The headers helmet sets for `options`, as [name, value] pairs, by running its middleware once. */
export function securityHeaders(options: Readonly<HelmetOptions> = securityHeaderOptions): [string, string][] {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), String(value));
      return response;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: unknown;
  helmet(options as HelmetOptions)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return [...headers];
}
