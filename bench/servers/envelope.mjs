// The constant 202 envelope both baselines answer with: one accepted message.
export const envelope = {
  request_id: 'b434e927a5844175b23059cd96feea3d',
  method: 'POST',
  http_code: 202,
  metadata: { failed: 0, total: 1, success: 1 },
  response: {
    whatsapp: {
      messages: [
        { code: 202, error_data: null, status: 'success', data: { sid: '2FdiiEQUosckPhpZfuVwfjxiSlc16a4Q' } },
      ],
    },
  },
};
