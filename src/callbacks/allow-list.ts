import { BlockList, isIP } from 'node:net';

/**
 * `--callback-allow`: where DLRs may be sent. Entries are host names (`hooks.example.com`,
 * `*.example.com`), IP addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`), `loopback`
 * (127.0.0.0/8, ::1 and localhost) or `*` (anywhere, the default). Names are matched as written
 * in the URL, never resolved: a CIDR range matches URLs whose host is an IP address.
 */
export class CallbackAllowList {
  readonly #any: boolean;
  readonly #names = new Set<string>();
  readonly #suffixes: string[] = [];
  readonly #addresses = new BlockList();

  constructor(readonly entries: readonly string[]) {
    this.#any = entries.includes('*');
    for (const entry of entries) {
      const value = entry.trim().toLowerCase();
      if (value === '*' || value === '') continue;
      if (value === 'loopback') {
        this.#addresses.addSubnet('127.0.0.0', 8, 'ipv4');
        this.#addresses.addAddress('::1', 'ipv6');
        this.#names.add('localhost');
      } else if (value.includes('/')) {
        const [address = '', bits = ''] = value.split('/');
        const family = isIP(address);
        const prefix = Number(bits);
        const max = family === 6 ? 128 : 32;
        if (!family || !/^\d+$/.test(bits) || prefix > max) throw new Error(`"${entry}" is not a CIDR range`);
        this.#addresses.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
      } else if (isIP(value)) {
        this.#addresses.addAddress(value, isIP(value) === 6 ? 'ipv6' : 'ipv4');
      } else if (value.startsWith('*.')) {
        this.#suffixes.push(value.slice(1));
      } else if (/^[a-z0-9.-]+$/.test(value)) {
        this.#names.add(value);
      } else {
        throw new Error(`"${entry}" is not a host name, IP address, CIDR range, "loopback" or "*"`);
      }
    }
  }

  /** True when a DLR may be POSTed to `url` (an http(s) URL). */
  allows(url: string): boolean {
    if (this.#any) return true;
    const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const family = isIP(host);
    if (family) return this.#addresses.check(host, family === 6 ? 'ipv6' : 'ipv4');
    return this.#names.has(host) || this.#suffixes.some((suffix) => host.endsWith(suffix));
  }
}
