import { z } from 'zod';
import { callbackUrl, customData, phoneNumber } from './common.js';
import { contentSchema } from './content.js';

/** Messages per request, as Exotel documents it. */
export const MAX_MESSAGES = 100;

/** One entry of `whatsapp.messages`. `custom_data`/`status_callback` here win over outer ones. */
export const messageSchema = z.object({
  from: phoneNumber,
  to: phoneNumber,
  content: contentSchema,
  custom_data: customData.optional(),
  status_callback: callbackUrl.optional(),
});

/**
 * The request around the messages: `{custom_data?, status_callback?, whatsapp: {custom_data?,
 * status_callback?, messages: [...]}}`. Messages are checked one by one (messageSchema), so one
 * bad message does not sink the rest.
 */
export const envelopeSchema = z.object({
  custom_data: customData.optional(),
  status_callback: callbackUrl.optional(),
  whatsapp: z.object({
    custom_data: customData.optional(),
    status_callback: callbackUrl.optional(),
    messages: z.array(z.unknown()),
  }),
});

export type Message = z.infer<typeof messageSchema>;
export type Envelope = z.infer<typeof envelopeSchema>;
