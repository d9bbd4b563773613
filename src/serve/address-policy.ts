import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Which addresses the server may fetch from. A URL sent to `POST /api/analyze` is fetched by the
 * server, so without a rule anyone who can reach the API could make it read the loopback interface,
 * the local network or a cloud metadata endpoint (server-side request forgery). Only public unicast
 * addresses pass unless the server was started with `--allow-private`.
 *
 * Known residual risk: the host is resolved here and again by `fetch` when it connects, so a DNS
 * server that answers a public address first and a private one a moment later (DNS rebinding) can
 * slip past the check. Closing that needs connecting to the checked address itself.
 */

/** Why an address is not fetched from; `undefined` for a public unicast address. */
export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'multicast'
  | 'reserved'
  | 'documentation';

const CLASS_NAMES: Record<AddressClass, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  private: 'a private-network address',
  'link-local': 'a link-local address',
  shared: 'a carrier-grade NAT (shared) address',
  multicast: 'a multicast or broadcast address',
  reserved: 'a reserved address',
  documentation: 'a documentation address',
};

/** IPv4 ranges as [first octets as a 32-bit number, prefix length, class]. */
const IPV4_RANGES: readonly (readonly [string, number, AddressClass])[] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // includes the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes the broadcast address 255.255.255.255
];

/**
 * The class of an IP address (IPv4 dotted quad or IPv6, with or without brackets or a zone), or
 * `undefined` when it is a public unicast address. A string that is not an IP address is `reserved`,
 * so nothing unparsed is ever let through.
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return classifyIpv4(ipv4Number(bare));
  if (version === 6) return classifyIpv6(ipv6Groups(bare));
  return 'reserved';
}

/** A sentence saying why an address is refused, or `undefined` when it may be fetched from. */
export function refusalReason(address: string): string | undefined {
  const found = classifyAddress(address);
  return found ? `${address} is ${CLASS_NAMES[found]}` : undefined;
}

function classifyIpv4(value: number): AddressClass | undefined {
  for (const [base, prefix, found] of IPV4_RANGES) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === ipv4Number(base)) return found;
  }
  return undefined;
}

function classifyIpv6(groups: readonly number[]): AddressClass | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embeddedIpv4 = (high: number, low: number) => ((high << 16) | low) >>> 0;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated): the IPv4 rules apply.
  if (firstFiveZero && (g5 === 0xffff || g5 === 0)) return classifyIpv4(embeddedIpv4(g6, g7));
  // 64:ff9b::a.b.c.d (NAT64, well-known prefix) reaches the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return classifyIpv4(embeddedIpv4(g6, g7));
  // 2002:aabb:ccdd::/48 (6to4) is routed to the IPv4 address aa.bb.cc.dd.
  if (g0 === 0x2002) return classifyIpv4(embeddedIpv4(g1, g2));
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation'; // 2001:db8::/32
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // 100::/64 discard
  if (g0 === 0) return 'reserved'; // the rest of ::/16 is unassigned
  return undefined;
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, octet) => ((value << 8) | Number(octet)) >>> 0, 0);
}

/** An IPv6 address (already checked by `isIP`) as its eight 16-bit groups. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  // A trailing dotted quad (::ffff:127.0.0.1) is two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = ipv4Number(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** Resolves a host name to every address it has (as `dns.lookup(host, { all: true })` does). */
export type LookupAll = (hostname: string) => Promise<readonly { address: string }[]>;

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Thrown by the address check: the message is one sentence for the API's error response. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
}

export interface AddressPolicy {
  /** Fetch from private, loopback and link-local addresses too (`--allow-private`). */
  readonly allowPrivate: boolean;
  /** Injectable for tests; the system resolver by default. */
  readonly lookup?: LookupAll;
}

/**
 * The `checkAddress` hook for `fetchUrl`: resolves the URL's host and rejects with an
 * AddressRefusedError when any of its addresses is not public (one bad address is enough: the
 * connection may pick any of them). Host names that do not resolve are refused too.
 */
export function addressCheck(policy: AddressPolicy): (url: URL) => Promise<void> {
  const lookup = policy.lookup ?? systemLookup;
  return async (url) => {
    if (policy.allowPrivate) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: readonly { address: string }[];
    if (isIP(host)) addresses = [{ address: host }];
    else {
      try {
        addresses = await lookup(host);
      } catch {
        throw new AddressRefusedError(`host ${host} not found`);
      }
    }
    if (addresses.length === 0) throw new AddressRefusedError(`host ${host} not found`);
    for (const { address } of addresses) {
      const found = classifyAddress(address);
      if (!found) continue;
      const what =
        address === host
          ? `${address} is ${CLASS_NAMES[found]}`
          : `${host} resolves to ${address}, ${CLASS_NAMES[found]}`;
      throw new AddressRefusedError(
        `refused: ${what}; the server only fetches from public addresses unless started with --allow-private`,
      );
    }
  };
}
