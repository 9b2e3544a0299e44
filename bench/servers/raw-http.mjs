// Baseline: raw node:http reading the body and answering a constant 202 envelope.
import { createServer } from 'node:http';
import { envelope } from './envelope.mjs';

const body = JSON.stringify(envelope);

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
