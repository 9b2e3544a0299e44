import { z } from 'zod';
import { httpUrl } from './common.js';

/*
 * The `content` object of one message in `POST /v2/accounts/:sid/messages`.
 *
 * Exotel's content mirrors Meta's Cloud API message objects (minus `messaging_product`/`to`),
 * so shapes and limits follow Meta where Exotel's own pages are silent
 * (see /work/shared/reference/exotel-whatsapp-api.md §2).
 *
 * Error messages: zod's defaults are kept for missing keys and wrong types, because callers map
 * issues to Exotel error codes by issue code and path. Limits and cross-field rules get messages
 * that name the limit, since those reach the client as the error description.
 *
 * Objects use zod's default strip mode: real clients send extra fields and Exotel ignores them.
 * Parts Exotel does not document (payment objects, saved addresses, flow data) are records, so
 * they pass through whole instead of being stripped to nothing.
 */

// ---------------------------------------------------------------------------
// Building blocks

const plural = (n: number, noun: string) => (n === 1 ? noun : `${noun}s`);

const nonEmpty = z.string().min(1, { error: 'must not be empty' });

/** A string of at most `max` characters (empty allowed). */
const upTo = (max: number) => z.string().max(max, { error: `at most ${max} characters` });

/** A string of 1 to `max` characters. */
const oneTo = (max: number) => nonEmpty.max(max, { error: `at most ${max} characters` });

/** An array of `min` to `max` items; the messages name the limit and what is counted. */
const listOf = <T extends z.ZodType>(item: T, min: number, max: number, noun: string) =>
  z
    .array(item)
    .min(min, { error: `at least ${min} ${plural(min, noun)}` })
    .max(max, { error: `at most ${max} ${plural(max, noun)}` });

/** Payload parts whose shape Exotel leaves to Meta or the payment provider. */
const opaqueRecord = z.record(z.string(), z.unknown());

const mediaObject = z.object({ link: httpUrl });
const documentObject = mediaObject.extend({ filename: z.string().optional() });

const locationObject = z.object({
  latitude: z
    .number()
    .min(-90, { error: 'latitude must be between -90 and 90' })
    .max(90, { error: 'latitude must be between -90 and 90' }),
  longitude: z
    .number()
    .min(-180, { error: 'longitude must be between -180 and 180' })
    .max(180, { error: 'longitude must be between -180 and 180' }),
  name: z.string().optional(),
  address: z.string().optional(),
});

/** Money as Meta's payments API writes it: `value / offset` units (offset 100 for INR paise). */
const amount = z.object({
  value: z.int().min(0, { error: 'must be at least 0' }),
  offset: z.int().positive({ error: 'must be greater than 0' }),
  description: z.string().optional(),
});

// ---------------------------------------------------------------------------
// Plain message types

const textObject = z.object({
  body: oneTo(4096),
  preview_url: z.boolean().optional(),
});

const caption = upTo(1024).optional();

const contactObject = z.object({
  name: z.object({
    formatted_name: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  }),
  // vCard phone numbers are display text ("+1 (940) 555-1234"), so not `phoneNumber`.
  phones: z
    .array(
      z.object({ phone: z.string().optional(), type: z.string().optional(), wa_id: z.string().optional() }),
    )
    .optional(),
  emails: z.array(z.object({ email: z.string().optional(), type: z.string().optional() })).optional(),
  addresses: z
    .array(
      z.object({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  org: z
    .object({
      company: z.string().optional(),
      department: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
  urls: z.array(z.object({ url: httpUrl.optional(), type: z.string().optional() })).optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
    .optional(),
});

const reactionObject = z.object({
  message_id: nonEmpty,
  // Meta removes a reaction when `emoji` is the empty string, so it may be empty.
  emoji: z.string(),
});

// ---------------------------------------------------------------------------
// Template

const limitedTimeOfferParameter = z.object({
  type: z.literal('limited_time_offer'),
  limited_time_offer: z.object({
    expiration_time_ms: z.int().positive({ error: 'must be a positive UNIX time in milliseconds' }),
  }),
});

/** A multi-product section, shared by product_list messages and catalog/mpm template buttons. */
const productSection = z.object({
  title: oneTo(24),
  product_items: listOf(z.object({ product_retailer_id: nonEmpty }), 1, 30, 'product'),
});

const templateParameter = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), image: mediaObject }),
  z.object({ type: z.literal('video'), video: mediaObject }),
  z.object({ type: z.literal('document'), document: documentObject }),
  z.object({ type: z.literal('location'), location: locationObject }),
  z.object({
    type: z.literal('currency'),
    currency: z.object({ fallback_value: z.string(), code: z.string(), amount_1000: z.int() }),
  }),
  z.object({ type: z.literal('date_time'), date_time: z.object({ fallback_value: z.string() }) }),
  z.object({ type: z.literal('payload'), payload: z.string() }),
  z.object({ type: z.literal('coupon_code'), coupon_code: oneTo(15) }),
  z.object({
    type: z.literal('action'),
    action: z.object({
      flow_token: z.string().optional(),
      flow_action_data: opaqueRecord.optional(),
      thumbnail_product_retailer_id: z.string().optional(),
      sections: z.array(productSection).optional(),
    }),
  }),
  limitedTimeOfferParameter,
]);

const parameters = z.array(templateParameter);

const headerComponent = z.object({ type: z.literal('header'), parameters: parameters.optional() });
const bodyComponent = z.object({ type: z.literal('body'), parameters: parameters.optional() });

const isButtonIndex = (i: string | number) =>
  typeof i === 'string' ? /^[0-9]$/.test(i) : Number.isInteger(i) && i >= 0 && i <= 9;

const buttonComponent = z.object({
  type: z.literal('button'),
  sub_type: z.enum(['quick_reply', 'url', 'copy_code', 'flow', 'catalog', 'mpm']),
  // Exotel's examples send the index as a string ("0"); Meta also takes a number.
  index: z.union([z.string(), z.number()]).refine(isButtonIndex, { error: 'must be an integer from 0 to 9' }),
  parameters,
});

const limitedTimeOfferComponent = z.object({
  type: z.literal('limited_time_offer'),
  parameters: z
    .array(limitedTimeOfferParameter)
    .length(1, { error: 'exactly 1 limited_time_offer parameter' }),
});

const carouselComponent = z.object({
  type: z.literal('carousel'),
  cards: listOf(
    z.object({
      card_index: z.int().min(0, { error: 'must be at least 0' }),
      components: z.array(z.discriminatedUnion('type', [headerComponent, bodyComponent, buttonComponent])),
    }),
    1,
    10,
    'card',
  ),
});

const templateComponent = z.discriminatedUnion('type', [
  headerComponent,
  bodyComponent,
  buttonComponent,
  limitedTimeOfferComponent,
  carouselComponent,
]);

export const templateSchema = z.object({
  name: oneTo(512),
  language: z.object({
    code: nonEmpty,
    // Most Exotel examples send `policy`, the limited-time-offer one does not: optional.
    policy: z.literal('deterministic').optional(),
  }),
  components: z.array(templateComponent).optional(),
});

// ---------------------------------------------------------------------------
// Interactive

const textHeader = z.object({ type: z.literal('text'), text: oneTo(60) });
/** For list and product_list; a union of one so a media header fails once, at `type`. */
const textOnlyHeader = z.discriminatedUnion('type', [textHeader]);

const header = z.discriminatedUnion('type', [
  textHeader,
  z.object({ type: z.literal('image'), image: mediaObject }),
  z.object({ type: z.literal('video'), video: mediaObject }),
  z.object({ type: z.literal('document'), document: documentObject }),
]);

const body = z.object({ text: oneTo(1024) });
const footer = z.object({ text: oneTo(60) });

const interactiveBase = z.object({
  header: header.optional(),
  body,
  footer: footer.optional(),
});

const buttonAction = z.object({
  buttons: listOf(
    z.object({ type: z.literal('reply'), reply: z.object({ id: oneTo(256), title: oneTo(20) }) }),
    1,
    3,
    'button',
  ),
});

const listAction = z
  .object({
    button: oneTo(20),
    sections: listOf(
      z.object({
        title: upTo(24).optional(),
        rows: listOf(
          z.object({ id: oneTo(200), title: oneTo(24), description: upTo(72).optional() }),
          1,
          10,
          'row',
        ),
      }),
      1,
      10,
      'section',
    ),
  })
  .superRefine(({ sections }, ctx) => {
    const rows = sections.reduce((n, s) => n + s.rows.length, 0);
    if (rows > 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'at most 10 rows in total across sections',
      });
    }
    // WhatsApp shows section titles as the headings that tell sections apart.
    if (sections.length > 1) {
      sections.forEach((s, i) => {
        if (!s.title) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', i, 'title'],
            message: 'a section title is required when there is more than one section',
          });
        }
      });
    }
  });

const productListAction = z
  .object({
    catalog_id: nonEmpty,
    sections: listOf(productSection, 1, 10, 'section'),
  })
  .superRefine(({ sections }, ctx) => {
    const products = sections.reduce((n, s) => n + s.product_items.length, 0);
    if (products > 30) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: 'at most 30 products in total across sections',
      });
    }
  });

const flowParameters = z
  .object({
    flow_message_version: z.literal('3'),
    flow_token: z.string().optional(),
    flow_id: nonEmpty.optional(),
    flow_name: nonEmpty.optional(),
    flow_cta: oneTo(20),
    flow_action: z.enum(['navigate', 'data_exchange']).optional(),
    flow_action_payload: z.object({ screen: nonEmpty, data: opaqueRecord.optional() }).optional(),
    mode: z.enum(['draft', 'published']).optional(),
  })
  .superRefine((p, ctx) => {
    // Meta identifies the flow by exactly one of the two.
    if (p.flow_id === undefined && p.flow_name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['flow_id'], message: 'flow_id or flow_name is required' });
    } else if (p.flow_id !== undefined && p.flow_name !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['flow_name'], message: 'give flow_id or flow_name, not both' });
    }
  });

const orderItem = z.object({
  retailer_id: nonEmpty,
  name: nonEmpty,
  amount,
  sale_amount: amount.optional(),
  quantity: z.int().min(1, { error: 'must be at least 1' }),
  country_of_origin: z.string().optional(),
  importer_name: z.string().optional(),
  importer_address: opaqueRecord.optional(),
});

const orderDetailsParameters = z.object({
  reference_id: nonEmpty,
  type: z.enum(['digital-goods', 'physical-goods']),
  payment_type: z.string().optional(),
  payment_configuration: z.string().optional(),
  payment_settings: z.array(opaqueRecord).optional(),
  currency: z.literal('INR'),
  total_amount: amount,
  order: z.object({
    status: z.literal('pending'),
    catalog_id: z.string().optional(),
    expiration: z
      .object({
        // Meta documents a UTC timestamp in seconds, written as a string; numbers are common too.
        timestamp: z.union([z.string(), z.int()]),
        description: z.string().optional(),
      })
      .optional(),
    items: z.array(orderItem).optional(),
    subtotal: amount.optional(),
    tax: amount.optional(),
    shipping: amount.optional(),
    discount: amount.extend({ discount_program_name: z.string().optional() }).optional(),
  }),
});

const orderStatusParameters = z.object({
  reference_id: nonEmpty,
  order: z.object({
    status: z.enum(['pending', 'processing', 'partially-shipped', 'shipped', 'completed', 'canceled']),
    description: z.string().optional(),
  }),
  payment: opaqueRecord.optional(),
});

const addressParameters = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be a 2-letter ISO country code, e.g. IN' }),
  values: opaqueRecord.optional(),
  saved_addresses: z.array(opaqueRecord).optional(),
  validation_errors: opaqueRecord.optional(),
});

export const interactiveSchema = z.discriminatedUnion('type', [
  interactiveBase.extend({ type: z.literal('button'), action: buttonAction }),
  interactiveBase.extend({ type: z.literal('list'), header: textOnlyHeader.optional(), action: listAction }),
  interactiveBase.extend({
    type: z.literal('cta_url'),
    action: z.object({
      name: z.literal('cta_url'),
      parameters: z.object({ display_text: oneTo(20), url: httpUrl }),
    }),
  }),
  interactiveBase.extend({
    type: z.literal('product'),
    body: body.optional(),
    action: z.object({ catalog_id: nonEmpty, product_retailer_id: nonEmpty }),
  }),
  interactiveBase.extend({
    type: z.literal('product_list'),
    header: textOnlyHeader,
    action: productListAction,
  }),
  interactiveBase.extend({
    type: z.literal('flow'),
    action: z.object({ name: z.literal('flow'), parameters: flowParameters }),
  }),
  interactiveBase.extend({
    type: z.literal('order_details'),
    action: z.object({ name: z.literal('review_and_pay'), parameters: orderDetailsParameters }),
  }),
  interactiveBase.extend({
    type: z.literal('order_status'),
    action: z.object({ name: z.literal('review_order'), parameters: orderStatusParameters }),
  }),
  interactiveBase.extend({
    type: z.literal('location_request_message'),
    action: z.object({ name: z.literal('send_location') }),
  }),
  interactiveBase.extend({
    type: z.literal('address_message'),
    action: z.object({ name: z.literal('address_message'), parameters: addressParameters }),
  }),
  interactiveBase.extend({
    type: z.literal('catalog_message'),
    action: z.object({
      name: z.literal('catalog_message'),
      parameters: z.object({ thumbnail_product_retailer_id: z.string().optional() }).optional(),
    }),
  }),
]);

// ---------------------------------------------------------------------------
// Content

export const contentTypes = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'template',
  'interactive',
] as const;

export const interactiveTypes = [
  'button',
  'list',
  'cta_url',
  'product',
  'product_list',
  'flow',
  'order_details',
  'order_status',
  'location_request_message',
  'address_message',
  'catalog_message',
] as const;

const contentBase = z.object({ recipient_type: z.literal('individual').optional() });

export const contentSchema = z.discriminatedUnion('type', [
  contentBase.extend({ type: z.literal('text'), text: textObject }),
  contentBase.extend({ type: z.literal('image'), image: mediaObject.extend({ caption }) }),
  contentBase.extend({ type: z.literal('video'), video: mediaObject.extend({ caption }) }),
  contentBase.extend({ type: z.literal('audio'), audio: mediaObject }),
  contentBase.extend({ type: z.literal('document'), document: documentObject.extend({ caption }) }),
  contentBase.extend({ type: z.literal('sticker'), sticker: mediaObject }),
  contentBase.extend({ type: z.literal('location'), location: locationObject }),
  contentBase.extend({
    type: z.literal('contacts'),
    contacts: z.array(contactObject).min(1, { error: 'at least 1 contact' }),
  }),
  contentBase.extend({ type: z.literal('reaction'), reaction: reactionObject }),
  contentBase.extend({ type: z.literal('template'), template: templateSchema }),
  contentBase.extend({ type: z.literal('interactive'), interactive: interactiveSchema }),
]);

export type Content = z.infer<typeof contentSchema>;
export type ContentType = Content['type'];
export type InteractiveType = z.infer<typeof interactiveSchema>['type'];
