import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { contentSamples } from '../support/content-samples.js';
import {
  bodyForms,
  expectErrorEnvelope,
  expectSendEnvelope,
  KEY,
  LOOPBACK_CALLBACK,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
  withLoopbackCallback,
} from '../support/emulator.js';
import { seedExamples } from '../support/seed-examples.js';

function post(app: Parameters<typeof request>[0], body: unknown, contentType = 'application/json') {
  return request(app)
    .post(MESSAGES)
    .auth(KEY, TOKEN)
    .set('Content-Type', contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('POST /v2/accounts/:sid/messages', () => {
  it('answers 202 with one entry per message in Exotel envelope', async () => {
    const { app } = testEmulator();
    const res = await post(app, sendRequest([textMessage(), textMessage({ to: '919876543211' })]));
    expect(res.status).toBe(202);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const envelope = expectSendEnvelope(res.body);
    expect(envelope).toMatchObject({
      method: 'POST',
      http_code: 202,
      metadata: { failed: 0, total: 2, success: 2 },
    });
    expect(Object.keys(res.body)).toEqual(['request_id', 'method', 'http_code', 'metadata', 'response']);
    const [first, second] = envelope.response.whatsapp.messages;
    expect(Object.keys(first ?? {})).toEqual(['code', 'error_data', 'status', 'data']);
    expect(first).toMatchObject({ code: 202, error_data: null, status: 'success' });
    expect(first?.data?.sid).not.toBe(second?.data?.sid);
  });

  describe('accepts every seed example unchanged, in every body form', () => {
    for (const [example, body] of Object.entries(seedExamples)) {
      for (const [form, encode] of Object.entries(bodyForms)) {
        it(`${example} as ${form}`, async () => {
          const { app, journal } = testEmulator();
          const [contentType, payload] = encode(withLoopbackCallback(body));
          const req = request(app).post(MESSAGES).auth(KEY, TOKEN);
          if (contentType) req.set('Content-Type', contentType);
          const res = await req.send(payload);
          expect(res.status, JSON.stringify(res.body)).toBe(202);
          const envelope = expectSendEnvelope(res.body);
          expect(envelope.metadata.failed).toBe(0);
          const [message] = journal.messages();
          expect(message?.content).toEqual(body.whatsapp.messages[0]?.content);
          expect(message?.customData).toBe('custom_data' in body ? body.custom_data : undefined);
          expect(message?.statusCallback).toBe('status_callback' in body ? LOOPBACK_CALLBACK : undefined);
        });
      }
    }
  });

  it.each(Object.entries(contentSamples))('accepts a %s message', async (_type, content) => {
    const { app } = testEmulator();
    const res = await post(app, sendRequest([textMessage({ content })]));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  });

  it('treats a scheme-less status_callback (as in Exotel’s bulk example) as https', async () => {
    const { app, journal } = testEmulator();
    const res = await post(app, sendRequest([textMessage()], { status_callback: 'localhost:9/dlr' }));
    expect(res.status).toBe(202);
    expect(journal.messages()[0]?.statusCallback).toBe('https://localhost:9/dlr');
  });

  it('lets the innermost custom_data and status_callback win', async () => {
    const { app, journal } = testEmulator();
    const body = {
      custom_data: 'request',
      status_callback: 'http://127.0.0.1:9/request',
      whatsapp: {
        custom_data: 'channel',
        status_callback: 'http://127.0.0.1:9/channel',
        messages: [
          textMessage({ custom_data: 'message', status_callback: 'http://127.0.0.1:9/message' }),
          textMessage(),
        ],
      },
    };
    expect((await post(app, body)).status).toBe(202);
    const [inner, outer] = journal.messages();
    expect(inner).toMatchObject({ customData: 'message', statusCallback: 'http://127.0.0.1:9/message' });
    expect(outer).toMatchObject({ customData: 'channel', statusCallback: 'http://127.0.0.1:9/channel' });
  });

  describe('bulk requests', () => {
    it('rejects only the invalid message of a bulk and accepts the rest', async () => {
      const { app, journal } = testEmulator();
      const bad = textMessage({ content: { type: 'template', template: { language: { code: 'en' } } } });
      const res = await post(app, sendRequest([textMessage(), bad, textMessage()]));
      expect(res.status).toBe(202);
      const envelope = expectSendEnvelope(res.body);
      expect(envelope.http_code).toBe(202);
      expect(envelope.metadata).toEqual({ failed: 1, total: 3, success: 2 });
      const [ok, failed] = envelope.response.whatsapp.messages;
      expect(ok?.status).toBe('success');
      expect(failed).toEqual({
        code: 400,
        status: 'failure',
        data: null,
        error_data: {
          code: 30020,
          message: 'whatsapp.messages[1].content.template.name is required',
          description: expect.stringMatching(/^EX_MISSING_PARAM: /),
        },
      });
      expect(journal.messages().map((m) => m.index)).toEqual([0, 2]);
      expect(journal.requests()[0]).toMatchObject({
        outcome: 'partial',
        rejected: [{ index: 1, code: 30020 }],
      });
    });

    it('answers 400 with the same envelope when every message fails', async () => {
      const { app } = testEmulator();
      const res = await post(
        app,
        sendRequest([textMessage({ to: 'not-a-number' }), textMessage({ from: '' })]),
      );
      expect(res.status).toBe(400);
      const envelope = expectSendEnvelope(res.body);
      expect(envelope.http_code).toBe(400);
      expect(envelope.metadata).toEqual({ failed: 2, total: 2, success: 0 });
      expect(envelope.response.whatsapp.messages.map((m) => m.error_data?.code)).toEqual([30012, 30005]);
    });

    it('answers 202 when every message fails with --all-failed-status 202', async () => {
      const { app } = testEmulator({ 'all-failed-status': 202 });
      const res = await post(app, sendRequest([textMessage({ to: 'x' })]));
      expect(res.status).toBe(202);
      expect(res.body.http_code).toBe(202);
      expect(res.body.metadata).toEqual({ failed: 1, total: 1, success: 0 });
    });

    it('uses "failed" as the status word with --failure-status failed', async () => {
      const { app } = testEmulator({ 'failure-status': 'failed' });
      const res = await post(app, sendRequest([textMessage(), textMessage({ to: 'x' })]));
      expect(res.body.response.whatsapp.messages[1].status).toBe('failed');
    });

    it('accepts 100 messages in one request', async () => {
      const { app } = testEmulator();
      const res = await post(app, sendRequest(Array.from({ length: 100 }, () => textMessage())));
      expect(res.status).toBe(202);
      expect(expectSendEnvelope(res.body).metadata).toEqual({ failed: 0, total: 100, success: 100 });
      const sids = new Set(
        res.body.response.whatsapp.messages.map((m: { data: { sid: string } }) => m.data.sid),
      );
      expect(sids.size).toBe(100);
    });

    it.each([
      [101, 'Too many messages in a single request'],
      [0, 'No messages to send'],
    ])('rejects a request of %i messages as a whole with 400', async (count, message) => {
      const { app, journal } = testEmulator();
      const res = await post(app, sendRequest(Array.from({ length: count }, () => textMessage())));
      expect(res.status).toBe(400);
      const envelope = expectErrorEnvelope(res.body);
      expect(envelope.response.error_data).toEqual({
        code: 1003,
        message,
        description: `whatsapp.messages must hold 1 to 100 messages; this request has ${count}`,
      });
      expect(journal.messages()).toHaveLength(0);
    });
  });

  describe('per-message validation', () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['a missing to', { to: undefined }, 30020, 'whatsapp.messages[0].to is required'],
      [
        'a to with letters',
        { to: '+91 98765 43210' },
        30012,
        'whatsapp.messages[0].to must be a phone number',
      ],
      ['a from with letters', { from: 'sender' }, 30005, 'whatsapp.messages[0].from must be a phone number'],
      ['a missing content', { content: undefined }, 30020, 'whatsapp.messages[0].content is required'],
      [
        'a content without a type',
        { content: { text: { body: 'x' } } },
        30020,
        'whatsapp.messages[0].content.type is required',
      ],
      [
        'an interactive without a type',
        { content: { type: 'interactive', interactive: { body: { text: 'x' } } } },
        30020,
        'whatsapp.messages[0].content.interactive.type is required',
      ],
      [
        'an unknown content type',
        { content: { type: 'carrier_pigeon' } },
        30015,
        'whatsapp.messages[0].content.type must be one of: "text"',
      ],
      [
        'a text body over 4096 characters',
        { content: { type: 'text', text: { body: 'x'.repeat(4097) } } },
        30029,
        'whatsapp.messages[0].content.text.body: at most 4096 characters',
      ],
      [
        'a text body of the wrong type',
        { content: { type: 'text', text: { body: 42 } } },
        30019,
        'whatsapp.messages[0].content.text.body must be a string',
      ],
      [
        'a media link that is not a URL',
        { content: { type: 'image', image: { link: 'picture.jpg' } } },
        30021,
        'whatsapp.messages[0].content.image.link must be an absolute http or https URL',
      ],
      [
        'a list with 11 sections',
        {
          content: {
            type: 'interactive',
            interactive: {
              type: 'list',
              body: { text: 'x' },
              action: {
                button: 'Pick',
                sections: Array.from({ length: 11 }, (_, i) => ({
                  title: `S${i}`,
                  rows: [{ id: `${i}`, title: 'r' }],
                })),
              },
            },
          },
        },
        30031,
        'whatsapp.messages[0].content.interactive.action.sections: at most 10 sections',
      ],
      [
        'a list with 11 rows across sections',
        {
          content: {
            type: 'interactive',
            interactive: {
              type: 'list',
              body: { text: 'x' },
              action: {
                button: 'Pick',
                sections: [
                  { title: 'A', rows: Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, title: 'r' })) },
                  { title: 'B', rows: Array.from({ length: 5 }, (_, i) => ({ id: `b${i}`, title: 'r' })) },
                ],
              },
            },
          },
        },
        30032,
        'whatsapp.messages[0].content.interactive.action.sections: at most 10 rows in total across sections',
      ],
      [
        'an unknown interactive type',
        { content: { type: 'interactive', interactive: { type: 'hologram', body: { text: 'x' } } } },
        30015,
        'whatsapp.messages[0].content.interactive.type must be one of: "button"',
      ],
      [
        'a product list with 31 products across sections',
        {
          content: {
            type: 'interactive',
            interactive: {
              type: 'product_list',
              header: { type: 'text', text: 'Menu' },
              body: { text: 'x' },
              action: {
                catalog_id: 'c',
                sections: [16, 15].map((n, s) => ({
                  title: `S${s}`,
                  product_items: Array.from({ length: n }, (_, i) => ({ product_retailer_id: `${s}-${i}` })),
                })),
              },
            },
          },
        },
        30033,
        'whatsapp.messages[0].content.interactive.action.sections: at most 30 products in total across sections',
      ],
      [
        'an interactive header of an unknown type',
        {
          content: {
            type: 'interactive',
            interactive: {
              type: 'button',
              header: { type: 'gif' },
              body: { text: 'x' },
              action: { buttons: [] },
            },
          },
        },
        30039,
        'whatsapp.messages[0].content.interactive.header.type must be one of',
      ],
      [
        'a template parameter of an unknown type',
        {
          content: {
            type: 'template',
            template: {
              name: 't',
              language: { code: 'en' },
              components: [{ type: 'body', parameters: [{ type: 'hologram' }] }],
            },
          },
        },
        30023,
        'whatsapp.messages[0].content.template.components[0].parameters[0].type must be one of',
      ],
      [
        'a custom_data that is not a string',
        { custom_data: { order: 1 } },
        30019,
        'whatsapp.messages[0].custom_data must be a string',
      ],
      [
        'a status_callback that is not http(s)',
        { status_callback: 'ftp://example.com/dlr' },
        30021,
        'whatsapp.messages[0].status_callback must be an http or https URL',
      ],
    ];
    it.each(cases)(
      'rejects %s with its Exotel code and the field path',
      async (_name, override, code, message) => {
        const { app } = testEmulator();
        const res = await post(app, sendRequest([textMessage(override)]));
        const envelope = expectSendEnvelope(res.body);
        const [result] = envelope.response.whatsapp.messages;
        expect(result?.error_data?.code).toBe(code);
        expect(result?.error_data?.message.startsWith(message), result?.error_data?.message).toBe(true);
      },
    );

    it('lists further problems of the same message in the description', async () => {
      const { app } = testEmulator();
      const res = await post(app, sendRequest([{ content: { type: 'text', text: {} } }]));
      const [result] = expectSendEnvelope(res.body).response.whatsapp.messages;
      expect(result?.error_data?.message).toBe('whatsapp.messages[0].from is required');
      expect(result?.error_data?.description).toContain('whatsapp.messages[0].to is required');
      expect(result?.error_data?.description).toContain('whatsapp.messages[0].content.text.body is required');
    });
  });

  describe('request-level errors', () => {
    it.each([
      ['a flat {from,to,content} body', textMessage(), 1001, 'at least one channel is mandatory'],
      ['messages at the top level', { messages: [textMessage()] }, 1001, 'at least one channel is mandatory'],
      ['whatsapp without messages', { whatsapp: {} }, 1002, 'Invalid value for whatsapp.messages'],
      [
        'whatsapp.messages as an object',
        { whatsapp: { messages: {} } },
        1002,
        'Invalid value for whatsapp.messages',
      ],
      ['a JSON array', [textMessage()], 1000, 'Malformed request body'],
      ['a JSON string', 'hello', 1000, 'Malformed request body'],
      [
        'a non-string custom_data',
        { custom_data: 5, whatsapp: { messages: [textMessage()] } },
        1002,
        'Invalid value for custom_data',
      ],
      [
        'a status_callback that is not a URL',
        { status_callback: 'not a url', whatsapp: { messages: [textMessage()] } },
        1002,
        'Invalid value for status_callback',
      ],
    ])('answers 400 to %s', async (_name, body, code, message) => {
      const { app } = testEmulator();
      const res = await post(app, body);
      expect(res.status).toBe(400);
      const envelope = expectErrorEnvelope(res.body);
      expect(envelope.http_code).toBe(400);
      expect(envelope.response.error_data).toMatchObject({ code, message });
    });

    it('answers 400 naming the problem for a body that is not JSON', async () => {
      const { app } = testEmulator();
      const res = await post(app, '{"whatsapp":');
      expect(res.status).toBe(400);
      expect(expectErrorEnvelope(res.body).response.error_data.description).toMatch(
        /^The body is not valid JSON: /,
      );
    });

    it('answers 400 to an empty body', async () => {
      const { app } = testEmulator();
      const res = await request(app).post(MESSAGES).auth(KEY, TOKEN);
      expect(res.status).toBe(400);
      expect(res.body.response.error_data.description).toMatch(/^The request body is empty/);
    });
  });

  it('gives the same ids under the same seed whatever admin requests come in between', async () => {
    const run = async (healthPolls: number) => {
      const { app } = testEmulator({ seed: 4242 });
      for (let i = 0; i < healthPolls; i++) await request(app).get('/__admin/health');
      return (await post(app, sendRequest([textMessage()]))).body;
    };
    expect(await run(3)).toEqual(await run(0));
  });

  it('gives the same ids for the same requests under the same seed', async () => {
    const run = async () => {
      const { app } = testEmulator({ seed: 4242 });
      const out = [];
      for (let i = 0; i < 3; i++)
        out.push((await post(app, sendRequest([textMessage(), textMessage()]))).body);
      return out;
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    const other = (await post(testEmulator({ seed: 4243 }).app, sendRequest([textMessage()]))).body;
    expect(other.request_id).not.toBe(a[0].request_id);
  });
});
