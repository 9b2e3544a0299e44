// Baseline: a bare Express 5 app answering a constant 202 envelope with express.json()/res.json().
import express from 'express';
import { envelope } from './envelope.mjs';

const app = express();
app.post('/v2/accounts/:sid/messages', express.json(), (_req, res) => {
  res.status(202).json(envelope);
});
process.on('SIGINT', () => process.exit(0));
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
