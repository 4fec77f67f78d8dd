import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  certificatesOfPem,
  configuredTimestampAuthorities,
  httpTimestampAuthority,
  timestampConfigurationProblem,
  timestampMessage,
} from './timestamp-authorities';
import { answerTimeStampRequest, makeTsaKeys, type TsaKeys } from './timestamp-protocol';

const now = new Date('2026-03-02T16:10:00Z');
const pemOf = (keys: TsaKeys) =>
  `-----BEGIN CERTIFICATE-----\n${keys.certificateDer.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
const derOf = (keys: TsaKeys) => Buffer.from(keys.certificateDer, 'base64');

describe('time-stamping authorities are pinned to their configured certificates', () => {
  let pinned: TsaKeys;
  let other: TsaKeys;
  let server: Server;
  let url: string;
  /** Which key the local authority signs with (it can be swapped, as a compromised or misrouted TSA). */
  let signingKeys: TsaKeys;

  beforeAll(async () => {
    pinned = await makeTsaKeys('Pinned TSA', now);
    other = await makeTsaKeys('Unpinned TSA', now);
    signingKeys = pinned;
    // A real RFC 3161 §3.4 endpoint on loopback, answering with real DER.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (req.headers['content-type'] !== 'application/timestamp-query') {
          res.writeHead(415).end();
          return;
        }
        const answer = await answerTimeStampRequest(signingKeys, Buffer.concat(chunks), now);
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  test('a token signed with the pinned certificate is accepted; one from another certificate is refused', async () => {
    const message = Buffer.from('{"kind":"zulin.evidence.daily_root"}');
    signingKeys = pinned;
    const stamp = await timestampMessage([httpTimestampAuthority(url, [derOf(pinned)])], message);
    expect(stamp.facts.digestHex).toBe(createHash('sha256').update(message).digest('hex'));
    expect(stamp.facts.certificateDer?.equals(derOf(pinned))).toBe(true);

    signingKeys = other;
    await expect(timestampMessage([httpTimestampAuthority(url, [derOf(pinned)])], message)).rejects.toThrow(
      `${url}: the token is signed with a certificate not pinned for this authority`,
    );
    // During a renewal both certificates are pinned: either is accepted.
    const renewed = await timestampMessage([httpTimestampAuthority(url, [derOf(pinned), derOf(other)])], message);
    expect(renewed.facts.certificateDer?.equals(derOf(other))).toBe(true);
  });

  test('an unpinned token counts as that authority failing: the next one in the list is asked', async () => {
    const message = Buffer.from('root of 2026-03-01');
    signingKeys = other;
    const wrong = httpTimestampAuthority(url, [derOf(pinned)]);
    const right = { ...httpTimestampAuthority(url, [derOf(other)]), name: 'second' };
    const stamp = await timestampMessage([wrong, right], message);
    expect(stamp.authority).toBe('second');
    await expect(timestampMessage([wrong], message)).rejects.toThrow(/not pinned/);
  });

  test('ZULIN_TSA_CERTS names one PEM file per URL, in order; without it production is unconfigured', async () => {
    const files: Record<string, string> = {
      '/etc/tsa/a.pem': pemOf(pinned),
      '/etc/tsa/b.pem': pemOf(pinned) + pemOf(other),
    };
    const readPem = (path: string) => {
      const pem = files[path];
      if (pem === undefined) throw new Error('ENOENT');
      return pem;
    };
    expect(timestampConfigurationProblem({})).toMatch(/Set ZULIN_TSA_URLS/);
    expect(timestampConfigurationProblem({ ZULIN_TSA_URLS: 'https://a.example/tsa' })).toMatch(
      /one PEM file per authority .* \(1 URLs, 0 files\)/,
    );
    expect(() => configuredTimestampAuthorities({ ZULIN_TSA_URLS: 'https://a.example/tsa' }, readPem)).toThrow(
      /ZULIN_TSA_CERTS/,
    );
    const env = {
      ZULIN_TSA_URLS: 'https://a.example/tsa, https://b.example/tsa',
      ZULIN_TSA_CERTS: '/etc/tsa/a.pem,/etc/tsa/b.pem',
    };
    expect(timestampConfigurationProblem(env)).toBeNull();
    const authorities = configuredTimestampAuthorities(env, readPem);
    expect(authorities.map((a) => [a.name, a.pinnedCertificatesDer?.length])).toEqual([
      ['https://a.example/tsa', 1],
      ['https://b.example/tsa', 2],
    ]);
    expect(authorities[1]?.pinnedCertificatesDer?.[1]?.equals(derOf(other))).toBe(true);
    expect(() =>
      configuredTimestampAuthorities({ ...env, ZULIN_TSA_CERTS: '/etc/tsa/a.pem,/etc/tsa/missing.pem' }, readPem),
    ).toThrow('ZULIN_TSA_CERTS: /etc/tsa/missing.pem: ENOENT');
    expect(() => certificatesOfPem('not a certificate')).toThrow('no certificate (PEM) found');
  });
});
