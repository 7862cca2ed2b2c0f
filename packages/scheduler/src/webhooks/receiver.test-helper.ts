import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@hall/assessment';

/** Test support (not a test): a local webhook receiver that answers 500 to the first `failFirst` requests of each delivery, then 200. */
export interface Receiver {
  url: string;
  /** Requests per delivery id, failed ones included. */
  requests: Map<string, number>;
  /** Accepted bodies per delivery id (each should be there once). */
  accepted: Map<string, string[]>;
  /** Requests whose signature did not verify with the secret. */
  badSignatures: number;
  setSecret(secret: string): void;
  close(): Promise<void>;
}

export async function startReceiver(opts: { failFirst: number; clock: () => Date }): Promise<Receiver> {
  let secret = '';
  const requests = new Map<string, number>();
  const accepted = new Map<string, string[]>();
  const receiver: Receiver = {
    url: '',
    requests,
    accepted,
    badSignatures: 0,
    setSecret: (s) => {
      secret = s;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['x-hall-delivery']);
      if (!verifySignature(secret, body, String(req.headers['x-hall-signature']), opts.clock())) receiver.badSignatures += 1;
      const n = (requests.get(id) ?? 0) + 1;
      requests.set(id, n);
      if (n <= opts.failFirst) {
        res.writeHead(500).end('not now');
        return;
      }
      accepted.set(id, [...(accepted.get(id) ?? []), body]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/cases`;
  return receiver;
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}
