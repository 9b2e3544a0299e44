// Baseline: raw node:http reading the body and answering a constant 202 envelope.
import { createServer } from 'node:http';

const body = JSON.stringify({
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
});

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(202, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
