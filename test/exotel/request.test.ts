import { describe, expect, it } from 'vitest';
import { validateEnvelope, validateMessage } from '../../src/messages/validate.js';
import { seedExamples } from '../support/seed-examples.js';

describe('the request schema', () => {
  it.each(Object.entries(seedExamples))('validates the seed example %s unchanged', (_name, body) => {
    const envelope = validateEnvelope(structuredClone(body));
    for (const [index, message] of envelope.whatsapp.messages.entries()) {
      const result = validateMessage(message, index);
      expect(result.ok ? undefined : result.error).toBeUndefined();
    }
  });

  it('reads the bulk example’s scheme-less status_callback as https', () => {
    expect(validateEnvelope(structuredClone(seedExamples.bulkImageTemplate)).status_callback).toBe(
      'https://www.webhook.site',
    );
  });
});
