// The sort code (三段码) printed large on a label, so that sorters route a parcel without reading the
// address: the destination's area (the provincial capital's telephone code), then a two-digit
// delivery station derived from the city and district.
import { createHash } from 'node:crypto';
import type { Address } from './carrier';

const areaCodes: Readonly<Record<string, string>> = {
  北京市: '010',
  上海市: '021',
  天津市: '022',
  重庆市: '023',
  广东省: '020',
  江苏省: '025',
  浙江省: '0571',
  四川省: '028',
  湖北省: '027',
  陕西省: '029',
  辽宁省: '024',
  山东省: '0531',
  河南省: '0371',
  湖南省: '0731',
  福建省: '0591',
  河北省: '0311',
  安徽省: '0551',
  江西省: '0791',
  云南省: '0871',
  广西壮族自治区: '0771',
};

export function sortCodeFor(recipient: Address): string {
  const area = areaCodes[recipient.province] ?? '999';
  const digest = createHash('sha256').update(`${recipient.city}|${recipient.district}`).digest();
  const station = String(10 + ((digest[0] ?? 0) % 90));
  return `${area}-${station}`;
}
