import { describe, expect, it } from 'vitest';
import { AddressRefusedError, addressCheck, classifyAddress } from './address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['2001:db8::1', 'documentation'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:a00:1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('sees through the IPv4 address embedded in %s (%s)', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.0.1',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('treats what is not an IP address as reserved, never as public', () => {
    expect(classifyAddress('localhost')).toBe('reserved');
    expect(classifyAddress('1.2.3')).toBe('reserved');
    expect(classifyAddress('')).toBe('reserved');
  });
});

describe('addressCheck', () => {
  const lookup = (table: Record<string, string[]>) => async (host: string) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address }));
  };

  it('refuses a literal loopback address without resolving anything', async () => {
    const check = addressCheck({ allowPrivate: false, lookup: lookup({}) });
    await expect(check(new URL('http://127.0.0.1:8080/x'))).rejects.toThrow(
      /refused: 127\.0\.0\.1 is a loopback address.*--allow-private/,
    );
    await expect(check(new URL('http://[::1]/'))).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(check(new URL('http://[::ffff:10.0.0.1]/'))).rejects.toThrow(/private-network/);
  });

  it('refuses a name when any of its addresses is private, and says which', async () => {
    const check = addressCheck({
      allowPrivate: false,
      lookup: lookup({ 'intranet.example': ['93.184.216.34', '10.1.2.3'] }),
    });
    await expect(check(new URL('https://intranet.example/'))).rejects.toThrow(
      'refused: intranet.example resolves to 10.1.2.3, a private-network address',
    );
  });

  it('refuses the cloud metadata address and names that do not resolve', async () => {
    const check = addressCheck({ allowPrivate: false, lookup: lookup({}) });
    await expect(check(new URL('http://169.254.169.254/latest/meta-data/'))).rejects.toThrow(
      /link-local/,
    );
    await expect(check(new URL('http://nowhere.invalid/'))).rejects.toThrow(
      'host nowhere.invalid not found',
    );
  });

  it('lets public names and addresses through', async () => {
    const check = addressCheck({
      allowPrivate: false,
      lookup: lookup({ 'news.example': ['93.184.216.34', '2606:2800:220:1::248'] }),
    });
    await expect(check(new URL('https://news.example/story'))).resolves.toBeUndefined();
    await expect(check(new URL('http://8.8.8.8/'))).resolves.toBeUndefined();
  });

  it('lets everything through with allowPrivate', async () => {
    const check = addressCheck({ allowPrivate: true, lookup: lookup({}) });
    await expect(check(new URL('http://127.0.0.1/'))).resolves.toBeUndefined();
    await expect(check(new URL('http://192.168.0.1/'))).resolves.toBeUndefined();
  });
});
