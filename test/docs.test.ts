import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envName, type SettingName, settings } from '../src/config.js';

const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');

describe('README', () => {
  it.each(Object.keys(settings) as SettingName[])(
    'documents --%s and its variable in the configuration table',
    (name) => {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`--${name}\` |`));
      expect(row, `no table row for --${name}`).toBeDefined();
      expect(row).toContain(`\`${envName(name)}\``);
    },
  );

  it('shows the two setup commands and the test command', () => {
    expect(readme).toContain('npm install\nnpm start');
    expect(readme).toContain('npm test');
  });
});
