import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Content,
  type ContentType,
  contentSchema,
  contentTypes,
  type InteractiveType,
  interactiveSchema,
  interactiveTypes,
} from '../../src/exotel/schemas/content.js';
import { seedExamples } from '../support/seed-examples.js';

type Path = (string | number)[];

function issuesOf(input: unknown) {
  const result = contentSchema.safeParse(input);
  expect(result.success).toBe(false);
  if (result.success) throw new Error('expected the content to be rejected');
  return result.error.issues;
}

/** Asserts the content is rejected with exactly one issue, at `path` (and with `message`, if given). */
function expectOnlyIssue(input: unknown, path: Path, message?: string) {
  const issues = issuesOf(input);
  expect(issues.map((i) => i.path)).toEqual([path]);
  if (message !== undefined) expect(issues[0]?.message).toBe(message);
}

/** Asserts the content is rejected with (at least) an issue at `path` carrying `message`. */
function expectIssue(input: unknown, path: Path, message: string) {
  expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path, message }));
}

function expectValid(input: unknown) {
  const result = contentSchema.safeParse(input);
  expect(result.error?.issues).toBeUndefined();
  expect(result.success).toBe(true);
  return result.data as Content;
}

const chars = (n: number) => 'x'.repeat(n);

const interactive = (body: Record<string, unknown>) => ({ type: 'interactive', interactive: body });
const template = (components: unknown[]) => ({
  type: 'template',
  template: { name: 'order_update', language: { code: 'en' }, components },
});

const rows = (n: number, prefix = 'row') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, title: `Option ${i + 1}` }));
const products = (n: number, prefix = 'SKU') =>
  Array.from({ length: n }, (_, i) => ({ product_retailer_id: `${prefix}-${i}` }));

// Every `content` object in the seed examples (the Python sample's `message_content` uses garbled
// field names, reference §8.13, so it is not a `content` object).
const seedContents = Object.entries(seedExamples).map(([name, body]) => [
  name,
  body.whatsapp.messages[0].content,
]);

describe('content: seed examples', () => {
  it.each(seedContents)('accepts the seed %s unchanged', (_name, content) => {
    expect(expectValid(content)).toEqual(content);
  });
});

describe('content: envelope', () => {
  it('lists exactly the content types the schema accepts', () => {
    expect(contentSchema.options.map((o) => o.shape.type.value)).toEqual([...contentTypes]);
    expectTypeOf<ContentType>().toEqualTypeOf<(typeof contentTypes)[number]>();
  });

  it('lists exactly the interactive types the schema accepts', () => {
    expect(interactiveSchema.options.map((o) => o.shape.type.value)).toEqual([...interactiveTypes]);
    expectTypeOf<InteractiveType>().toEqualTypeOf<(typeof interactiveTypes)[number]>();
  });

  it('rejects an unknown type at the type key', () => {
    expectOnlyIssue({ type: 'carousel', carousel: {} }, ['type']);
  });

  it('rejects content without a type at the type key', () => {
    expectOnlyIssue({ text: { body: 'Hi' } }, ['type']);
  });

  it('requires the object named by the type', () => {
    expectOnlyIssue({ type: 'text', image: { link: 'https://example.com/a.png' } }, ['text']);
  });

  it('accepts recipient_type individual and rejects any other recipient type', () => {
    expectValid({ recipient_type: 'individual', type: 'text', text: { body: 'Hi' } });
    expectOnlyIssue({ recipient_type: 'group', type: 'text', text: { body: 'Hi' } }, ['recipient_type']);
  });

  it('ignores unknown keys instead of rejecting them', () => {
    const data = expectValid({ type: 'text', text: { body: 'Hi', extra: 1 }, messaging_product: 'whatsapp' });
    expect(data).toEqual({ type: 'text', text: { body: 'Hi' } });
  });
});

describe('content: text', () => {
  it('accepts a body of 4096 characters with preview_url', () => {
    expectValid({ type: 'text', text: { body: chars(4096), preview_url: true } });
  });

  it('rejects a body of 4097 characters, naming the limit', () => {
    expectOnlyIssue(
      { type: 'text', text: { body: chars(4097) } },
      ['text', 'body'],
      'at most 4096 characters',
    );
  });

  it('rejects an empty body', () => {
    expectOnlyIssue({ type: 'text', text: { body: '' } }, ['text', 'body'], 'must not be empty');
  });

  it('rejects a non-boolean preview_url', () => {
    expectOnlyIssue({ type: 'text', text: { body: 'Hi', preview_url: 'yes' } }, ['text', 'preview_url']);
  });
});

describe('content: media', () => {
  it('accepts an image with a caption of 1024 characters', () => {
    expectValid({ type: 'image', image: { link: 'https://example.com/cat.jpg', caption: chars(1024) } });
  });

  it('rejects an image caption of 1025 characters, naming the limit', () => {
    expectOnlyIssue(
      { type: 'image', image: { link: 'https://example.com/cat.jpg', caption: chars(1025) } },
      ['image', 'caption'],
      'at most 1024 characters',
    );
  });

  it('accepts a video with a caption', () => {
    expectValid({ type: 'video', video: { link: 'https://example.com/clip.mp4', caption: 'Unboxing' } });
  });

  it('rejects a video link that is not an http(s) URL', () => {
    expectOnlyIssue(
      { type: 'video', video: { link: 'example.com/clip.mp4' } },
      ['video', 'link'],
      'must be an absolute http or https URL',
    );
  });

  it('accepts an audio link', () => {
    expectValid({ type: 'audio', audio: { link: 'https://example.com/voice.ogg' } });
  });

  it('rejects audio without a link', () => {
    expectOnlyIssue({ type: 'audio', audio: {} }, ['audio', 'link']);
  });

  it('accepts a document with filename and caption', () => {
    expectValid({
      type: 'document',
      document: { link: 'https://example.com/invoice.pdf', filename: 'invoice.pdf', caption: 'Your invoice' },
    });
  });

  it('rejects a document caption over 1024 characters', () => {
    expectOnlyIssue(
      { type: 'document', document: { link: 'https://example.com/invoice.pdf', caption: chars(1025) } },
      ['document', 'caption'],
      'at most 1024 characters',
    );
  });

  it('accepts a sticker link', () => {
    expectValid({ type: 'sticker', sticker: { link: 'https://example.com/wave.webp' } });
  });

  it('rejects a sticker with an ftp link', () => {
    expectOnlyIssue({ type: 'sticker', sticker: { link: 'ftp://example.com/wave.webp' } }, [
      'sticker',
      'link',
    ]);
  });
});

describe('content: location', () => {
  it('accepts a location with name and address, and coordinates at the limits', () => {
    expectValid({
      type: 'location',
      location: { latitude: 12.9716, longitude: 77.5946, name: 'Demo Store', address: '1 Example Road' },
    });
    expectValid({ type: 'location', location: { latitude: -90, longitude: 180 } });
  });

  it('rejects a latitude above 90', () => {
    expectOnlyIssue(
      { type: 'location', location: { latitude: 90.5, longitude: 0 } },
      ['location', 'latitude'],
      'latitude must be between -90 and 90',
    );
  });

  it('rejects a longitude below -180', () => {
    expectOnlyIssue(
      { type: 'location', location: { latitude: 0, longitude: -181 } },
      ['location', 'longitude'],
      'longitude must be between -180 and 180',
    );
  });
});

describe('content: contacts', () => {
  const card = {
    name: { formatted_name: 'Asha Rao', first_name: 'Asha', last_name: 'Rao', prefix: 'Dr.' },
    phones: [{ phone: '+91 98765 43210', type: 'CELL', wa_id: '919876543210' }],
    emails: [{ email: 'asha@example.com', type: 'WORK' }],
    addresses: [{ street: '1 Example Road', city: 'Bengaluru', country_code: 'IN', type: 'WORK' }],
    org: { company: 'Example Ltd', title: 'Engineer' },
    urls: [{ url: 'https://example.com/asha', type: 'WORK' }],
    birthday: '1990-04-01',
  };

  it('accepts a full contact card unchanged', () => {
    const content = { type: 'contacts', contacts: [card] };
    expect(expectValid(content)).toEqual(content);
  });

  it('rejects an empty contacts list', () => {
    expectOnlyIssue({ type: 'contacts', contacts: [] }, ['contacts'], 'at least 1 contact');
  });

  it('requires formatted_name', () => {
    expectOnlyIssue({ type: 'contacts', contacts: [{ name: { first_name: 'Asha' } }] }, [
      'contacts',
      0,
      'name',
      'formatted_name',
    ]);
  });

  it('rejects a birthday that is not YYYY-MM-DD', () => {
    expectOnlyIssue(
      { type: 'contacts', contacts: [{ ...card, birthday: '01/04/1990' }] },
      ['contacts', 0, 'birthday'],
      'must be a date as YYYY-MM-DD',
    );
  });
});

describe('content: reaction', () => {
  it('accepts an emoji reaction, and an empty emoji that removes it', () => {
    expectValid({ type: 'reaction', reaction: { message_id: 'wamid.HBgLOTE5ODc2NTQzMjEwFQ', emoji: '👍' } });
    expectValid({ type: 'reaction', reaction: { message_id: 'wamid.HBgLOTE5ODc2NTQzMjEwFQ', emoji: '' } });
  });

  it('rejects an empty message_id', () => {
    expectOnlyIssue(
      { type: 'reaction', reaction: { message_id: '', emoji: '👍' } },
      ['reaction', 'message_id'],
      'must not be empty',
    );
  });
});

describe('content: template', () => {
  it('accepts a template without policy or components', () => {
    expectValid({ type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
  });

  it('accepts a name of 512 characters and rejects 513', () => {
    expectValid({ type: 'template', template: { name: chars(512), language: { code: 'en' } } });
    expectOnlyIssue(
      { type: 'template', template: { name: chars(513), language: { code: 'en' } } },
      ['template', 'name'],
      'at most 512 characters',
    );
  });

  it('rejects an empty name', () => {
    expectOnlyIssue(
      { type: 'template', template: { name: '', language: { code: 'en' } } },
      ['template', 'name'],
      'must not be empty',
    );
  });

  it('requires language.code', () => {
    expectOnlyIssue(
      { type: 'template', template: { name: 'hello_world', language: { policy: 'deterministic' } } },
      ['template', 'language', 'code'],
    );
  });

  it('rejects a language policy other than deterministic', () => {
    expectOnlyIssue(
      { type: 'template', template: { name: 'hello_world', language: { code: 'en', policy: 'fallback' } } },
      ['template', 'language', 'policy'],
    );
  });

  it('accepts every parameter type', () => {
    const content = template([
      {
        type: 'header',
        parameters: [
          { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } },
        ],
      },
      { type: 'header', parameters: [{ type: 'video', video: { link: 'https://example.com/a.mp4' } }] },
      {
        type: 'header',
        parameters: [{ type: 'location', location: { latitude: 19.07, longitude: 72.87, name: 'Depot' } }],
      },
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Asha' },
          { type: 'currency', currency: { fallback_value: '₹100.99', code: 'INR', amount_1000: 100990 } },
          { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
        ],
      },
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: 0,
        parameters: [{ type: 'payload', payload: 'STOP' }],
      },
    ]);
    expect(expectValid(content)).toEqual(content);
  });

  it('accepts a flow button whose action carries a flow token and data', () => {
    expectValid(
      template([
        {
          type: 'button',
          sub_type: 'flow',
          index: '0',
          parameters: [
            { type: 'action', action: { flow_token: '0000', flow_action_data: { plan: 'gold', seats: 2 } } },
          ],
        },
      ]),
    );
  });

  it('accepts a multi-product (mpm) button with product sections', () => {
    expectValid(
      template([
        {
          type: 'button',
          sub_type: 'mpm',
          index: 0,
          parameters: [
            {
              type: 'action',
              action: {
                thumbnail_product_retailer_id: 'SKU-1',
                sections: [{ title: 'Bestsellers', product_items: products(3) }],
              },
            },
          ],
        },
      ]),
    );
  });

  it('accepts a coupon code of 15 characters and rejects 16', () => {
    const coupon = (code: string) =>
      template([
        {
          type: 'button',
          sub_type: 'copy_code',
          index: '0',
          parameters: [{ type: 'coupon_code', coupon_code: code }],
        },
      ]);
    expectValid(coupon(chars(15)));
    expectOnlyIssue(
      coupon(chars(16)),
      ['template', 'components', 0, 'parameters', 0, 'coupon_code'],
      'at most 15 characters',
    );
  });

  it('accepts button indexes "0" to "9" and 0 to 9, and rejects "10" and 10', () => {
    const button = (index: unknown) =>
      template([{ type: 'button', sub_type: 'url', index, parameters: [{ type: 'text', text: 'track/1' }] }]);
    expectValid(button('9'));
    expectValid(button(9));
    const path = ['template', 'components', 0, 'index'];
    expectOnlyIssue(button('10'), path, 'must be an integer from 0 to 9');
    expectOnlyIssue(button(10), path, 'must be an integer from 0 to 9');
    expectOnlyIssue(button(1.5), path, 'must be an integer from 0 to 9');
  });

  it('rejects an unknown button sub_type', () => {
    expectOnlyIssue(template([{ type: 'button', sub_type: 'call', index: '0', parameters: [] }]), [
      'template',
      'components',
      0,
      'sub_type',
    ]);
  });

  it('rejects an unknown component type', () => {
    expectOnlyIssue(template([{ type: 'footer', parameters: [] }]), ['template', 'components', 0, 'type']);
  });

  it('rejects an unknown parameter type', () => {
    expectOnlyIssue(template([{ type: 'body', parameters: [{ type: 'emoji', emoji: ':)' }] }]), [
      'template',
      'components',
      0,
      'parameters',
      0,
      'type',
    ]);
  });

  it('rejects a media parameter without the object its type names', () => {
    expectOnlyIssue(
      template([
        { type: 'header', parameters: [{ type: 'image', video: { link: 'https://example.com/a.mp4' } }] },
      ]),
      ['template', 'components', 0, 'parameters', 0, 'image'],
    );
  });

  it('rejects a limited-time offer whose expiration is not a positive integer', () => {
    const lto = (expiration_time_ms: number) =>
      template([
        {
          type: 'limited_time_offer',
          parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms } }],
        },
      ]);
    expectOnlyIssue(
      lto(-1),
      ['template', 'components', 0, 'parameters', 0, 'limited_time_offer', 'expiration_time_ms'],
      'must be a positive UNIX time in milliseconds',
    );
  });

  it('rejects a limited_time_offer component with two offers', () => {
    const offer = {
      type: 'limited_time_offer',
      limited_time_offer: { expiration_time_ms: 1_900_000_000_000 },
    };
    expectOnlyIssue(
      template([{ type: 'limited_time_offer', parameters: [offer, offer] }]),
      ['template', 'components', 0, 'parameters'],
      'exactly 1 limited_time_offer parameter',
    );
  });

  describe('carousel', () => {
    const card = (card_index: number) => ({
      card_index,
      components: [
        {
          type: 'header',
          parameters: [{ type: 'image', image: { link: `https://example.com/card-${card_index}.jpg` } }],
        },
        { type: 'body', parameters: [{ type: 'text', text: `Offer ${card_index}` }] },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: `more-${card_index}` }],
        },
      ],
    });
    const carousel = (n: number) =>
      template([
        { type: 'body', parameters: [{ type: 'text', text: 'Asha' }] },
        { type: 'carousel', cards: Array.from({ length: n }, (_, i) => card(i)) },
      ]);

    it('accepts 10 cards', () => {
      expectValid(carousel(10));
    });

    it('rejects 11 cards, naming the limit', () => {
      expectOnlyIssue(carousel(11), ['template', 'components', 1, 'cards'], 'at most 10 cards');
    });

    it('rejects an empty carousel', () => {
      expectOnlyIssue(carousel(0), ['template', 'components', 1, 'cards'], 'at least 1 card');
    });

    it('rejects a negative card_index', () => {
      expectOnlyIssue(
        template([{ type: 'carousel', cards: [card(-1)] }]),
        ['template', 'components', 0, 'cards', 0, 'card_index'],
        'must be at least 0',
      );
    });

    it('rejects a component inside a card that is not header, body or button', () => {
      expectOnlyIssue(
        template([
          { type: 'carousel', cards: [{ card_index: 0, components: [{ type: 'carousel', cards: [] }] }] },
        ]),
        ['template', 'components', 0, 'cards', 0, 'components', 0, 'type'],
      );
    });
  });
});

describe('content: interactive', () => {
  it('rejects an unknown interactive type at interactive.type', () => {
    expectOnlyIssue(interactive({ type: 'poll', body: { text: 'Pick one' } }), ['interactive', 'type']);
  });

  describe('shared header, body and footer', () => {
    const buttons = { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] };

    it('accepts text, image, video and document headers', () => {
      for (const header of [
        { type: 'text', text: chars(60) },
        { type: 'image', image: { link: 'https://example.com/a.png' } },
        { type: 'video', video: { link: 'https://example.com/a.mp4' } },
        { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } },
      ]) {
        expectValid(interactive({ type: 'button', header, body: { text: 'Continue?' }, action: buttons }));
      }
    });

    it('requires the header object its type names', () => {
      expectOnlyIssue(
        interactive({
          type: 'button',
          header: { type: 'image', text: 'Hi' },
          body: { text: 'Continue?' },
          action: buttons,
        }),
        ['interactive', 'header', 'image'],
      );
    });

    it('rejects a header text of 61 characters', () => {
      expectOnlyIssue(
        interactive({
          type: 'button',
          header: { type: 'text', text: chars(61) },
          body: { text: 'Go?' },
          action: buttons,
        }),
        ['interactive', 'header', 'text'],
        'at most 60 characters',
      );
    });

    it('accepts a body of 1024 characters and rejects 1025', () => {
      expectValid(interactive({ type: 'button', body: { text: chars(1024) }, action: buttons }));
      expectOnlyIssue(
        interactive({ type: 'button', body: { text: chars(1025) }, action: buttons }),
        ['interactive', 'body', 'text'],
        'at most 1024 characters',
      );
    });

    it('rejects a footer of 61 characters', () => {
      expectOnlyIssue(
        interactive({ type: 'button', body: { text: 'Go?' }, footer: { text: chars(61) }, action: buttons }),
        ['interactive', 'footer', 'text'],
        'at most 60 characters',
      );
    });
  });

  describe('button', () => {
    const reply = (id: string, title = id) => ({ type: 'reply', reply: { id, title } });
    const buttonMessage = (buttons: unknown[]) =>
      interactive({
        type: 'button',
        body: { text: 'Confirm your slot?' },
        footer: { text: 'Demo Clinic' },
        action: { buttons },
      });

    it('accepts 3 reply buttons', () => {
      expectValid(buttonMessage([reply('yes'), reply('no'), reply('later')]));
    });

    it('rejects 4 buttons, naming the limit', () => {
      expectOnlyIssue(
        buttonMessage([reply('a'), reply('b'), reply('c'), reply('d')]),
        ['interactive', 'action', 'buttons'],
        'at most 3 buttons',
      );
    });

    it('rejects no buttons', () => {
      expectOnlyIssue(buttonMessage([]), ['interactive', 'action', 'buttons'], 'at least 1 button');
    });

    it('accepts a title of 20 characters and rejects 21', () => {
      expectValid(buttonMessage([reply('a', chars(20))]));
      expectOnlyIssue(
        buttonMessage([reply('a', chars(21))]),
        ['interactive', 'action', 'buttons', 0, 'reply', 'title'],
        'at most 20 characters',
      );
    });

    it('rejects an id of 257 characters', () => {
      expectOnlyIssue(
        buttonMessage([reply(chars(257), 'Yes')]),
        ['interactive', 'action', 'buttons', 0, 'reply', 'id'],
        'at most 256 characters',
      );
    });

    it('requires a body', () => {
      expectOnlyIssue(interactive({ type: 'button', action: { buttons: [reply('yes')] } }), [
        'interactive',
        'body',
      ]);
    });
  });

  describe('list', () => {
    const list = (sections: unknown[], header?: unknown) =>
      interactive({
        type: 'list',
        ...(header ? { header } : {}),
        body: { text: 'Choose a topic' },
        action: { button: 'Topics', sections },
      });

    it('accepts 10 rows across two titled sections with a text header', () => {
      const content = list(
        [
          {
            title: 'Billing',
            rows: [{ id: 'b-1', title: 'Refunds', description: chars(72) }, ...rows(4, 'b')],
          },
          { title: 'Delivery', rows: rows(5, 'd') },
        ],
        { type: 'text', text: 'Help' },
      );
      expect(expectValid(content)).toEqual(content);
    });

    it('accepts a single section without a title', () => {
      expectValid(list([{ rows: rows(10) }]));
    });

    it('rejects 11 rows across sections at the sections path', () => {
      expectOnlyIssue(
        list([
          { title: 'Billing', rows: rows(6, 'b') },
          { title: 'Delivery', rows: rows(5, 'd') },
        ]),
        ['interactive', 'action', 'sections'],
        'at most 10 rows in total across sections',
      );
    });

    it('rejects 11 rows in one section at that section', () => {
      expectIssue(
        list([{ rows: rows(11) }]),
        ['interactive', 'action', 'sections', 0, 'rows'],
        'at most 10 rows',
      );
    });

    it('requires a title on every section when there is more than one', () => {
      expectOnlyIssue(
        list([{ title: 'Billing', rows: rows(2, 'b') }, { rows: rows(2, 'd') }]),
        ['interactive', 'action', 'sections', 1, 'title'],
        'a section title is required when there is more than one section',
      );
    });

    it('rejects 11 sections', () => {
      const sections = Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) }));
      expectIssue(list(sections), ['interactive', 'action', 'sections'], 'at most 10 sections');
    });

    it('rejects a section title of 25 characters and a row title of 25 characters', () => {
      expectOnlyIssue(
        list([{ title: chars(25), rows: rows(1) }]),
        ['interactive', 'action', 'sections', 0, 'title'],
        'at most 24 characters',
      );
      expectOnlyIssue(
        list([{ rows: [{ id: 'r', title: chars(25) }] }]),
        ['interactive', 'action', 'sections', 0, 'rows', 0, 'title'],
        'at most 24 characters',
      );
    });

    it('rejects a row description of 73 characters', () => {
      expectOnlyIssue(
        list([{ rows: [{ id: 'r', title: 'Refunds', description: chars(73) }] }]),
        ['interactive', 'action', 'sections', 0, 'rows', 0, 'description'],
        'at most 72 characters',
      );
    });

    it('rejects a button label of 21 characters', () => {
      expectOnlyIssue(
        interactive({
          type: 'list',
          body: { text: 'Pick' },
          action: { button: chars(21), sections: [{ rows: rows(1) }] },
        }),
        ['interactive', 'action', 'button'],
        'at most 20 characters',
      );
    });

    it('rejects an image header', () => {
      expectOnlyIssue(
        list([{ rows: rows(1) }], { type: 'image', image: { link: 'https://example.com/a.png' } }),
        ['interactive', 'header', 'type'],
      );
    });
  });

  describe('cta_url', () => {
    const cta = (parameters: unknown) =>
      interactive({
        type: 'cta_url',
        body: { text: 'Your order has shipped' },
        action: { name: 'cta_url', parameters },
      });

    it('accepts a display text and URL', () => {
      expectValid(cta({ display_text: 'Track Order', url: 'https://example.com/track/123' }));
    });

    it('rejects a URL that is not http(s)', () => {
      expectOnlyIssue(
        cta({ display_text: 'Track Order', url: 'javascript:alert(1)' }),
        ['interactive', 'action', 'parameters', 'url'],
        'must be an absolute http or https URL',
      );
    });

    it('rejects a display text of 21 characters', () => {
      expectOnlyIssue(
        cta({ display_text: chars(21), url: 'https://example.com/track/123' }),
        ['interactive', 'action', 'parameters', 'display_text'],
        'at most 20 characters',
      );
    });
  });

  describe('product', () => {
    it('accepts a single product without a body', () => {
      expectValid(
        interactive({ type: 'product', action: { catalog_id: '1234567890', product_retailer_id: 'SKU-1' } }),
      );
    });

    it('requires product_retailer_id', () => {
      expectOnlyIssue(
        interactive({
          type: 'product',
          body: { text: 'Back in stock' },
          action: { catalog_id: '1234567890' },
        }),
        ['interactive', 'action', 'product_retailer_id'],
      );
    });
  });

  describe('product_list', () => {
    const productList = (sections: unknown[]) =>
      interactive({
        type: 'product_list',
        header: { type: 'text', text: 'Summer sale' },
        body: { text: 'Pick your favourites' },
        action: { catalog_id: '1234567890', sections },
      });

    it('accepts 30 products across two sections', () => {
      expectValid(
        productList([
          { title: 'Shirts', product_items: products(15, 'SH') },
          { title: 'Shoes', product_items: products(15, 'SO') },
        ]),
      );
    });

    it('rejects 31 products across sections at the sections path', () => {
      expectOnlyIssue(
        productList([
          { title: 'Shirts', product_items: products(16, 'SH') },
          { title: 'Shoes', product_items: products(15, 'SO') },
        ]),
        ['interactive', 'action', 'sections'],
        'at most 30 products in total across sections',
      );
    });

    it('rejects 31 products in one section at that section', () => {
      expectIssue(
        productList([{ title: 'Shirts', product_items: products(31) }]),
        ['interactive', 'action', 'sections', 0, 'product_items'],
        'at most 30 products',
      );
    });

    it('requires a text header', () => {
      expectOnlyIssue(
        interactive({
          type: 'product_list',
          body: { text: 'Pick' },
          action: { catalog_id: '1', sections: [{ title: 'All', product_items: products(1) }] },
        }),
        ['interactive', 'header'],
      );
    });

    it('requires a section title', () => {
      expectOnlyIssue(productList([{ product_items: products(1) }]), [
        'interactive',
        'action',
        'sections',
        0,
        'title',
      ]);
    });
  });

  describe('flow', () => {
    const flow = (parameters: Record<string, unknown>) =>
      interactive({
        type: 'flow',
        header: { type: 'text', text: 'Book a demo' },
        body: { text: 'Pick a slot that suits you' },
        footer: { text: 'Takes 1 minute' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_token: 'tok-123',
            flow_cta: 'Book now',
            ...parameters,
          },
        },
      });

    it('accepts a flow by id with a navigate payload', () => {
      const content = flow({
        flow_id: '1234567890',
        flow_action: 'navigate',
        flow_action_payload: { screen: 'SLOTS', data: { city: 'Pune', days: [1, 2] } },
        mode: 'draft',
      });
      expect(expectValid(content)).toEqual(content);
    });

    it('accepts a flow by name', () => {
      expectValid(flow({ flow_name: 'demo_booking', flow_action: 'data_exchange', mode: 'published' }));
    });

    it('requires flow_id or flow_name, reported at flow_id', () => {
      expectOnlyIssue(
        flow({}),
        ['interactive', 'action', 'parameters', 'flow_id'],
        'flow_id or flow_name is required',
      );
    });

    it('rejects both flow_id and flow_name, reported at flow_name', () => {
      expectOnlyIssue(
        flow({ flow_id: '1234567890', flow_name: 'demo_booking' }),
        ['interactive', 'action', 'parameters', 'flow_name'],
        'give flow_id or flow_name, not both',
      );
    });

    it('rejects a flow_cta of 21 characters', () => {
      expectOnlyIssue(
        flow({ flow_id: '1', flow_cta: chars(21) }),
        ['interactive', 'action', 'parameters', 'flow_cta'],
        'at most 20 characters',
      );
    });

    it('rejects a flow_message_version other than "3"', () => {
      expectOnlyIssue(flow({ flow_id: '1', flow_message_version: '2' }), [
        'interactive',
        'action',
        'parameters',
        'flow_message_version',
      ]);
    });
  });

  describe('order_details', () => {
    const order = (parameters: Record<string, unknown>, orderFields: Record<string, unknown> = {}) =>
      interactive({
        type: 'order_details',
        body: { text: 'Pay for your order' },
        action: {
          name: 'review_and_pay',
          parameters: {
            reference_id: 'ORD-1001',
            type: 'physical-goods',
            currency: 'INR',
            total_amount: { value: 52000, offset: 100 },
            order: { status: 'pending', ...orderFields },
            ...parameters,
          },
        },
      });

    it('accepts physical goods with payment settings, expiration and items, keeping the payment settings whole', () => {
      const content = order(
        {
          payment_settings: [
            {
              type: 'payment_gateway',
              payment_gateway: { type: 'razorpay', configuration_name: 'demo-config' },
            },
          ],
        },
        {
          catalog_id: '1234567890',
          expiration: { timestamp: '1900000000', description: 'Order expires in 2030' },
          items: [
            {
              retailer_id: 'SKU-1',
              name: 'Notebook',
              amount: { value: 25000, offset: 100 },
              quantity: 2,
              country_of_origin: 'India',
              importer_name: 'Example Imports',
              importer_address: {
                address_line1: '1 Example Road',
                city: 'Pune',
                zip_code: '411001',
                country_code: 'IN',
              },
            },
          ],
          subtotal: { value: 50000, offset: 100 },
          shipping: { value: 2000, offset: 100 },
        },
      );
      expect(expectValid(content)).toEqual(content);
    });

    it('rejects an item quantity of 0', () => {
      expectOnlyIssue(
        order(
          {},
          {
            items: [
              { retailer_id: 'SKU-1', name: 'Notebook', amount: { value: 1, offset: 100 }, quantity: 0 },
            ],
          },
        ),
        ['interactive', 'action', 'parameters', 'order', 'items', 0, 'quantity'],
        'must be at least 1',
      );
    });

    it('rejects an amount offset of 0 and a negative value', () => {
      expectOnlyIssue(
        order({ total_amount: { value: 100, offset: 0 } }),
        ['interactive', 'action', 'parameters', 'total_amount', 'offset'],
        'must be greater than 0',
      );
      expectOnlyIssue(
        order({}, { tax: { value: -1, offset: 100 } }),
        ['interactive', 'action', 'parameters', 'order', 'tax', 'value'],
        'must be at least 0',
      );
    });

    it('rejects a currency other than INR', () => {
      expectOnlyIssue(order({ currency: 'USD' }), ['interactive', 'action', 'parameters', 'currency']);
    });

    it('rejects a goods type spelled with an underscore', () => {
      expectOnlyIssue(order({ type: 'digital_goods' }), ['interactive', 'action', 'parameters', 'type']);
    });

    it('rejects an order status other than pending', () => {
      expectOnlyIssue(order({}, { status: 'paid' }), [
        'interactive',
        'action',
        'parameters',
        'order',
        'status',
      ]);
    });
  });

  describe('order_status', () => {
    const orderStatus = (status: string) =>
      interactive({
        type: 'order_status',
        body: { text: 'Your order has shipped' },
        action: {
          name: 'review_order',
          parameters: {
            reference_id: 'ORD-1001',
            order: { status, description: 'Out for delivery' },
            payment: { status: 'captured', timestamp: 1900000000 },
          },
        },
      });

    it('accepts every documented status', () => {
      for (const status of [
        'pending',
        'processing',
        'partially-shipped',
        'shipped',
        'completed',
        'canceled',
      ]) {
        expectValid(orderStatus(status));
      }
    });

    it('rejects an unknown status', () => {
      expectOnlyIssue(orderStatus('lost'), ['interactive', 'action', 'parameters', 'order', 'status']);
    });
  });

  describe('location_request_message', () => {
    it('accepts a send_location action', () => {
      expectValid(
        interactive({
          type: 'location_request_message',
          body: { text: 'Share your location' },
          action: { name: 'send_location' },
        }),
      );
    });

    it('rejects another action name', () => {
      expectOnlyIssue(
        interactive({
          type: 'location_request_message',
          body: { text: 'Share' },
          action: { name: 'send_address' },
        }),
        ['interactive', 'action', 'name'],
      );
    });
  });

  describe('address_message', () => {
    const address = (parameters: Record<string, unknown>) =>
      interactive({
        type: 'address_message',
        body: { text: 'Where should we deliver?' },
        action: { name: 'address_message', parameters },
      });

    it('accepts a country with prefilled values and saved addresses', () => {
      const content = address({
        country: 'IN',
        values: { name: 'Asha Rao', phone_number: '+919876543210', in_pin_code: '411001' },
        saved_addresses: [{ id: 'home', value: { name: 'Asha Rao', city: 'Pune' } }],
        validation_errors: { in_pin_code: 'We do not deliver here yet' },
      });
      expect(expectValid(content)).toEqual(content);
    });

    it('rejects a country that is not a 2-letter ISO code', () => {
      expectOnlyIssue(
        address({ country: 'India' }),
        ['interactive', 'action', 'parameters', 'country'],
        'must be a 2-letter ISO country code, e.g. IN',
      );
    });
  });

  describe('catalog_message', () => {
    it('accepts a catalog message with and without a thumbnail product', () => {
      expectValid(
        interactive({
          type: 'catalog_message',
          body: { text: 'Browse our catalog' },
          action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'SKU-1' } },
        }),
      );
      expectValid(
        interactive({
          type: 'catalog_message',
          body: { text: 'Browse' },
          action: { name: 'catalog_message' },
        }),
      );
    });

    it('requires a body', () => {
      expectOnlyIssue(interactive({ type: 'catalog_message', action: { name: 'catalog_message' } }), [
        'interactive',
        'body',
      ]);
    });
  });
});
