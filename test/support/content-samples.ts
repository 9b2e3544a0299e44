/** One valid `content` per type, with fake data on example.com. */
const interactive = (body: Record<string, unknown>) => ({ type: 'interactive', interactive: body });
const body = { text: 'Choose one' };

export const contentSamples: Record<string, unknown> = {
  text: { type: 'text', text: { body: 'Hello', preview_url: true } },
  image: { type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'A' } },
  video: { type: 'video', video: { link: 'https://example.com/a.mp4' } },
  audio: { type: 'audio', audio: { link: 'https://example.com/a.ogg' } },
  document: { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'invoice.pdf' } },
  sticker: { type: 'sticker', sticker: { link: 'https://example.com/a.webp' } },
  location: { type: 'location', location: { latitude: 12.9716, longitude: 77.5946, name: 'Office' } },
  contacts: {
    type: 'contacts',
    contacts: [
      { name: { formatted_name: 'Asha Rao', first_name: 'Asha' }, phones: [{ phone: '+919876543210' }] },
    ],
  },
  reaction: { type: 'reaction', reaction: { message_id: 'wamid.HBgMOTE5ODc2NTQzMjEw', emoji: '👍' } },
  template: {
    type: 'template',
    template: {
      name: 'order_update',
      language: { policy: 'deterministic', code: 'en' },
      components: [
        { type: 'body', parameters: [{ type: 'text', text: 'Asha' }] },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: 'YES' }],
        },
      ],
    },
  },
  'interactive button': interactive({
    type: 'button',
    body,
    action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] },
  }),
  'interactive list': interactive({
    type: 'list',
    body,
    action: { button: 'Options', sections: [{ title: 'A', rows: [{ id: 'r1', title: 'Row 1' }] }] },
  }),
  'interactive cta_url': interactive({
    type: 'cta_url',
    body,
    action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/track' } },
  }),
  'interactive product': interactive({
    type: 'product',
    action: { catalog_id: 'cat1', product_retailer_id: 'SKU1' },
  }),
  'interactive product_list': interactive({
    type: 'product_list',
    header: { type: 'text', text: 'Menu' },
    body,
    action: {
      catalog_id: 'cat1',
      sections: [{ title: 'Bread', product_items: [{ product_retailer_id: 'SKU1' }] }],
    },
  }),
  'interactive flow': interactive({
    type: 'flow',
    body,
    action: {
      name: 'flow',
      parameters: { flow_message_version: '3', flow_id: '1234', flow_cta: 'Book', flow_action: 'navigate' },
    },
  }),
  'interactive order_details': interactive({
    type: 'order_details',
    body: { text: 'Pay now' },
    action: {
      name: 'review_and_pay',
      parameters: {
        reference_id: 'R1',
        type: 'physical-goods',
        payment_type: 'upi',
        payment_configuration: 'cfg',
        currency: 'INR',
        total_amount: { value: 1000, offset: 100 },
        order: {
          status: 'pending',
          items: [{ retailer_id: 'SKU1', name: 'Bread', amount: { value: 1000, offset: 100 }, quantity: 1 }],
          subtotal: { value: 1000, offset: 100 },
        },
      },
    },
  }),
  'interactive order_status': interactive({
    type: 'order_status',
    body: { text: 'Shipped' },
    action: { name: 'review_order', parameters: { reference_id: 'R1', order: { status: 'shipped' } } },
  }),
  'interactive location_request_message': interactive({
    type: 'location_request_message',
    body: { text: 'Share your location' },
    action: { name: 'send_location' },
  }),
  'interactive address_message': interactive({
    type: 'address_message',
    body: { text: 'Your address?' },
    action: { name: 'address_message', parameters: { country: 'IN' } },
  }),
  'interactive catalog_message': interactive({
    type: 'catalog_message',
    body: { text: 'Browse' },
    action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'SKU1' } },
  }),
};
