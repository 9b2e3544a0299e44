import { z } from 'zod';

/** Exotel's v2 response envelopes. Tests and contracts check every reply against these. */

export const errorData = z.object({
  code: z.number().int(),
  message: z.string(),
  description: z.string(),
});

export const messageSuccess = z.object({
  code: z.literal(202),
  error_data: z.null(),
  status: z.literal('success'),
  data: z.object({ sid: z.string().regex(/^[0-9A-Za-z]{32}$/) }),
});

export const messageFailure = z.object({
  code: z.number().int().min(400).max(499),
  error_data: errorData,
  status: z.enum(['failure', 'failed']),
  data: z.null(),
});

export const messageResult = z.union([messageSuccess, messageFailure]);

const requestId = z.string().regex(/^[0-9a-f]{32}$/);

export const sendEnvelope = z.object({
  request_id: requestId,
  method: z.literal('POST'),
  http_code: z.union([z.literal(202), z.literal(400)]),
  metadata: z.object({
    failed: z.number().int().min(0),
    total: z.number().int().min(1).max(100),
    success: z.number().int().min(0),
  }),
  response: z.object({ whatsapp: z.object({ messages: z.array(messageResult) }) }),
});

export const errorEnvelope = z.object({
  request_id: requestId,
  method: z.string(),
  http_code: z.number().int().min(400).max(599),
  response: z.object({ error_data: errorData }),
});

export type ErrorData = z.infer<typeof errorData>;
export type MessageResult = z.infer<typeof messageResult>;
export type SendEnvelope = z.infer<typeof sendEnvelope>;
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
