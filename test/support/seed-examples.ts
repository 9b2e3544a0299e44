/**
 * The request bodies of Exotel's official examples, verbatim from
 * ../shared/reference/seed-exotel-whatsapp-docs.txt (including their placeholders and the
 * scheme-less `www.webhook.site`). Tests that send them swap the callback for a loopback URL.
 */
export const seedExamples = {
  image: {
    custom_data: 'ORDER126',
    status_callback: 'https://webhook.site/',
    whatsapp: {
      messages: [
        {
          from: '9199XXXXXXXX',
          to: '9199XXXXXXXX',
          content: {
            type: 'image',
            image: {
              link: 'https://image.587.jpg',
              caption: 'This is image caption',
            },
          },
        },
      ],
    },
  },
  text: {
    custom_data: 'Order126',
    status_callback: 'https://webhook.site',
    whatsapp: {
      messages: [
        {
          from: '+9199XXXXXXXX2',
          to: '+9199XXXXXXXX',
          content: {
            recipient_type: 'individual',
            type: 'text',
            text: {
              preview_url: false,
              body: 'MESSAGE_CONTENT',
            },
          },
        },
      ],
    },
  },
  orderDetailsRazorpay: {
    whatsapp: {
      messages: [
        {
          from: '9199XXXXXXXX',
          to: '9190XXXXXXXX',
          content: {
            type: 'interactive',
            interactive: {
              type: 'order_details',
              header: {
                type: 'image',
                image: {
                  link: 'https://upload.wikimedia.org/wikipedia/commons/thumb/3/3b/Home_made_sour_dough_bread.jpg/640px-Home_made_sour_dough_bread.jpg',
                },
              },
              body: {
                text: 'Click on the Pay Now button to complete the order',
              },
              footer: {
                text: 'Thank You!',
              },
              action: {
                name: 'review_and_pay',
                parameters: {
                  reference_id: '57848',
                  type: 'digital-goods',
                  payment_type: 'payment_gateway:razorpay',
                  payment_configuration: 'XXXXXXXX',
                  currency: 'INR',
                  total_amount: {
                    value: 1000,
                    offset: 100,
                  },
                  order: {
                    status: 'pending',
                  },
                },
              },
            },
          },
        },
      ],
    },
  },
  limitedTimeOffer: {
    custom_data: 'ORDER123456',
    status_callback: 'https://webhook.site/XXXX-61e6-4873-XXXX',
    whatsapp: {
      messages: [
        {
          from: '+918047109880',
          to: '919878434250',
          content: {
            type: 'template',
            template: {
              name: 'lto_parleagro',
              language: {
                code: 'en',
              },
              components: [
                {
                  type: 'header',
                  parameters: [
                    {
                      type: 'image',
                      image: {
                        link: 'https://www.parleproducts.com/Uploads/image/1CategoryImg_biscuits-cookie.png',
                      },
                    },
                  ],
                },
                {
                  type: 'body',
                  parameters: [
                    {
                      type: 'text',
                      text: 'Kaustubh',
                    },
                  ],
                },
                {
                  type: 'limited_time_offer',
                  parameters: [
                    {
                      type: 'limited_time_offer',
                      limited_time_offer: {
                        expiration_time_ms: 1716261112000,
                      },
                    },
                  ],
                },
                {
                  type: 'button',
                  sub_type: 'copy_code',
                  index: '0',
                  parameters: [
                    {
                      type: 'coupon_code',
                      coupon_code: 'PARLE25',
                    },
                  ],
                },
                {
                  type: 'button',
                  sub_type: 'url',
                  index: '1',
                  parameters: [
                    {
                      type: 'text',
                      text: 'biscuits',
                    },
                  ],
                },
              ],
            },
          },
        },
      ],
    },
  },
  orderDetailsUpi: {
    whatsapp: {
      messages: [
        {
          from: '9172XXXXXXXX',
          to: '9190XXXXXXXX',
          content: {
            type: 'interactive',
            interactive: {
              type: 'order_details',
              header: {
                type: 'image',
                image: {
                  link: 'https://upload.wikimedia.org/wikipedia/commons/thumb/3/3b/Home_made_sour_dough_bread.jpg/640px-Home_made_sour_dough_bread.jpg',
                },
              },
              body: {
                text: 'Click on the Pay Now button to complete the order',
              },
              footer: {
                text: 'Thank You!',
              },
              action: {
                name: 'review_and_pay',
                parameters: {
                  reference_id: '57848',
                  type: 'digital-goods',
                  payment_type: 'payment_gateway:razorpay',
                  payment_configuration: 'Checking-paymentstest',
                  currency: 'INR',
                  total_amount: {
                    value: 1000,
                    offset: 100,
                  },
                  order: {
                    status: 'pending',
                    items: [
                      {
                        retailer_id: '1234567',
                        name: 'Bread',
                        amount: {
                          value: 1400,
                          offset: 100,
                        },
                        sale_amount: {
                          value: 1000,
                          offset: 100,
                        },
                        quantity: 1,
                      },
                    ],
                    subtotal: {
                      value: 1000,
                      offset: 100,
                    },
                    tax: {
                      value: 100,
                      offset: 100,
                      description: 'GST Inclusive',
                    },
                    shipping: {
                      value: 0,
                      offset: 100,
                      description: 'Via Postal',
                    },
                    discount: {
                      value: 100,
                      offset: 100,
                      description: 'For Premium Customers',
                      discount_program_name: 'optional_text',
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
  },
  bulkImageTemplate: {
    custom_data: 'custom12',
    status_callback: 'www.webhook.site',
    whatsapp: {
      messages: [
        {
          from: '+91XXXXXXXXXX',
          to: '91XXXXXXXXXX',
          content: {
            type: 'template',
            template: {
              name: 'exotel_image_1',
              language: {
                policy: 'deterministic',
                code: 'en',
              },
              components: [
                {
                  type: 'header',
                  parameters: [
                    {
                      type: 'image',
                      image: {
                        link: 'https://image.shutterstock.com/image-photo/happy-puppy-dog-smiling-on-260nw-1799966587.jpg',
                      },
                    },
                  ],
                },
                {
                  type: 'body',
                  parameters: [
                    {
                      type: 'text',
                      text: 'John Doe',
                    },
                  ],
                },
              ],
            },
          },
        },
      ],
    },
  },
  imageTemplate: {
    custom_data: 'ORDER12',
    status_callback: 'https://webhook.site',
    whatsapp: {
      messages: [
        {
          from: '9199XXXXXXXX',
          to: '9199XXXXXXXX',
          content: {
            type: 'template',
            template: {
              name: 'image_1',
              language: {
                policy: 'deterministic',
                code: 'en',
              },
              components: [
                {
                  type: 'header',
                  parameters: [
                    {
                      type: 'image',
                      image: {
                        link: 'https://image.jpg',
                      },
                    },
                  ],
                },
                {
                  type: 'body',
                  parameters: [
                    {
                      type: 'text',
                      text: 'Name',
                    },
                  ],
                },
              ],
            },
          },
        },
      ],
    },
  },
} as const;

/** The garbled snippets of the seed that must not be emulated (reference §8.13). */
export const garbledSeedBodies = {
  bulkToArray: {
    to: ['+919876543210', '+919876543211'],
    type: 'text',
    parameters: [{ type: 'text', text: 'ABC' }],
  },
  whatsappEndpointBody: {
    to: '+1234567890',
    from: 'your_whatsapp_number',
    type: 'text',
    message: { text: 'Hello, this is a bulk message!' },
  },
  rubySmsBody: {
    to: '919876543210',
    sender_id: 'YOUR_SENDER_ID',
    message: 'Hello from Exotel!',
    channel: 'whatsapp',
  },
  pythonBody: { recipient_whatsapp: '', message_type: 'whatsapp', message_content: { type: 'template' } },
} as const;
