import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);
const list = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/**
 * Error texts that name the problem in a client developer's words ("is required",
 * "must be at most 20 characters"). Schema-level messages (limits, cross-field rules) win over these.
 */
export function describeIssue(issue: RawIssue): string | undefined {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return 'is required';
  }
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${list(issue.values)}`
        : `must be one of: ${list(issue.values)}`;
    case 'invalid_union': {
      if ('options' in issue && Array.isArray(issue.options)) {
        // A discriminated union: the discriminator (e.g. `type`) is missing, or names no known option.
        const discriminator = 'discriminator' in issue ? String(issue.discriminator) : '';
        const given = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
        return given === undefined ? 'is required' : `must be one of: ${list(issue.options)}`;
      }
      // A union of input forms (`4010` or `"4010"`): report the branch that got past the type check.
      const branch = issue.errors.find((issues) => issues[0] && issues[0].code !== 'invalid_type');
      return branch?.[0]?.message ?? 'does not match any accepted shape';
    }
    case 'too_big': {
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `must be at most ${String(issue.maximum)}${unit}`;
    }
    case 'too_small': {
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `must be at least ${String(issue.minimum)}${unit}`;
    }
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

/** `whatsapp.messages[1].content.template.name` */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out;
}

/** Client-supplied text quoted in an error, cut to a readable length. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** `whatsapp.messages[0].to is required`, or `path: message` when the message is not a predicate. */
export const sentence = (path: string, message: string) =>
  /^(is|must|has|does)\b/.test(message) ? `${path} ${message}` : `${path}: ${message}`;
