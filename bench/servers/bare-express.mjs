// Baseline: a bare Express 5 app answering a constant 202 envelope with express.json()/res.json().
import express from 'express';

const envelope = {
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

const app = express();
app.post('/v2/accounts/:sid/messages', express.json(), (_req, res) => {
  res.status(202).json(envelope);
});
process.on('SIGINT', () => process.exit(0));
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
