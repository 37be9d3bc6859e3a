import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withBaseline } from '../../../src/core/baseline.js';
import { notifyWebhook, webhookPayload } from '../../../src/report/notify.js';
import { fixtureReport, resummarized } from './helpers.js';

interface Received {
  method?: string;
  contentType?: string;
  body: unknown;
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

async function listen(handler: (req: IncomingMessage, body: string) => [number, string]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method, contentType: req.headers['content-type'], body: JSON.parse(body) });
      const [status, text] = handler(req, body);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    });
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/secret`, received };
}

describe('notifyWebhook', () => {
  it('posts a Slack-compatible summary to a local server', async () => {
    const { url, received } = await listen(() => [200, 'ok']);
    const current = fixtureReport();
    current.findings.push({ ...current.findings[2], resourceId: 'nat-brand-new', monthlyCostUsd: 32.85 });
    const report = withBaseline(resummarized(current), fixtureReport());
    const result = await notifyWebhook(url, report);
    expect(result).toEqual({ ok: true, status: 200 });
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('POST');
    expect(received[0].contentType).toMatch(/^application\/json/);
    const body = received[0].body as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
    expect(body.text).toBe('costguard: 1 new finding · 9 total · $83.07/month');
    expect(body.blocks[0].type).toBe('header');
    const top = body.blocks.find((b) => b.text?.text.startsWith('*Top findings*'));
    expect(top?.text?.text).toContain('`vpc-nat-gateway` nat-brand-new (222222222222 us-west-2) — $32.85/mo');
  });

  it('lists at most five top items and escapes Slack control characters', () => {
    const payload = webhookPayload(fixtureReport());
    const top = payload.blocks.find((b) => (b.text as { text?: string } | undefined)?.text?.startsWith('*Top findings*')) as { text: { text: string } };
    expect(top.text.text.split('\n')).toHaveLength(1 + 5);
    expect(payload.text).toBe('costguard: 8 findings · $50.22/month');
    const withLogs = fixtureReport();
    withLogs.findings = withLogs.findings.filter((f) => f.ruleId === 'logs-no-retention');
    const text = JSON.stringify(webhookPayload(withLogs));
    expect(text).toContain('web-&lt;prod&gt;&amp;');
    expect(text).not.toContain('<prod>');
  });

  it('reports a failing webhook without throwing and without leaking the URL path', async () => {
    const { url } = await listen(() => [500, 'invalid_payload']);
    const result = await notifyWebhook(url, fixtureReport());
    expect(result.ok).toBe(false);
    expect(result.status).toBe(500);
    expect(result.error).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+\/… answered HTTP 500: invalid_payload$/);
    expect(result.error).not.toContain('secret');
  });

  it('reports an unreachable webhook, a timeout and a bad URL without throwing', async () => {
    const { url } = await listen(() => [200, 'ok']);
    const port = new URL(url).port;
    await new Promise<void>((done) => server?.close(() => done()));
    server = undefined;
    const refused = await notifyWebhook(`http://127.0.0.1:${port}/hook`, fixtureReport());
    expect(refused).toMatchObject({ ok: false });
    expect(refused.error).toMatch(/failed: ECONNREFUSED/);

    const hanging = await notifyWebhook('http://127.0.0.1:9/x', fixtureReport(), {
      timeoutMs: 50,
      fetchImpl: (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    expect(hanging.error).toMatch(/no answer within 50 ms/);

    expect(await notifyWebhook('not a url', fixtureReport())).toEqual({ ok: false, error: 'webhook URL is not a valid URL' });
    expect((await notifyWebhook('file:///etc/passwd', fixtureReport())).error).toMatch(/must be http\(s\)/);
    const throwing = await notifyWebhook('https://example.invalid/x', fixtureReport(), { fetchImpl: () => { throw new Error('boom'); } });
    expect(throwing).toEqual({ ok: false, error: 'webhook https://example.invalid/… failed: boom' });
  });
});
