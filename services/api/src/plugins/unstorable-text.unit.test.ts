import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { problemDetailsPlugin } from './problem-details.ts';
import { unstorableTextPlugin } from './unstorable-text.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  await app.register(problemDetailsPlugin);
  await app.register(unstorableTextPlugin);
  app.post('/echo', async (request) => ({ body: request.body }));
  await app.ready();
});
afterAll(() => app.close());

const post = (payload: string | Buffer) => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });

describe('unstorable text in JSON bodies (decision 1892: only bodies with a \\u escape are walked)', () => {
  it('refuses NUL and lone surrogates written as escapes, in values and keys, naming the field', async () => {
    for (const [payload, path] of [
      ['{"a":{"b":"x\\u0000"}}', '/a/b'],
      ['{"a":["ok","\\ud800"]}', '/a/1'],
      ['{"a":{"\\u0000k":1}}', '/a/\u0000k'],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, payload).toBe(422);
      expect(res.json().errors[0].path, payload).toBe(path);
    }
  });

  it('accepts other escapes, and bodies without any (also raw bytes of a surrogate half, decoded as U+FFFD)', async () => {
    expect((await post('{"a":"\\u0041\\n"}')).json()).toEqual({ body: { a: 'A\n' } });
    expect((await post('{"a":"plain 中文"}')).json()).toEqual({ body: { a: 'plain 中文' } });
    const broken = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    const res = await post(broken);
    expect(res.statusCode).toBe(200);
    expect(res.json().body.a).toMatch(/^x\uFFFD+$/);
  });

  it('keeps fastify\'s JSON parser behaviour: empty and broken bodies are 400, __proto__ is refused', async () => {
    expect((await post('')).statusCode).toBe(400);
    expect((await post('{"a":')).statusCode).toBe(400);
    expect((await post('{"__proto__":{"x":1}}')).statusCode).toBe(400);
  });
});
