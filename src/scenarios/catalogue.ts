import { type FSWatcher, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describeIssue, fieldPath, sentence } from '../issues.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import { Scenario } from './scenario.js';
import { scenarioSchema } from './schema.js';

/** The scenarios this package ships (`scenarios/` beside `dist/` and `src/`). */
export const SHIPPED_SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** A scenario file that cannot be used: the message names the file, the field and why. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

export interface CatalogueOptions {
  /** Folders of scenario files; a later folder's scenario replaces an earlier one of the same name. */
  dirs: readonly string[];
  /** The default scenario: a name in the folders, or a path to a file (then loaded too). */
  defaultScenario: string;
  random: Random;
  clock: Clock;
  logger: Logger;
}

/**
 * Every loaded scenario by name, and which one is the default. Scenario files are data; a broken
 * one is refused with file, field path and reason, and never replaces a working one.
 */
export class ScenarioCatalogue {
  readonly #options: CatalogueOptions;
  readonly #scenarios = new Map<string, Scenario>();
  readonly #watchers: FSWatcher[] = [];
  #default: Scenario;

  /** Loads every folder; throws ScenarioError when the default scenario is missing or broken. */
  constructor(options: CatalogueOptions) {
    this.#options = options;
    const files = options.dirs.flatMap((dir) => scenarioFiles(dir));
    const asPath = looksLikePath(options.defaultScenario) ? resolve(options.defaultScenario) : undefined;
    if (asPath) files.push(asPath);
    const refused = new Map<string, Error>();
    for (const file of files) {
      try {
        this.#add(this.load(file));
      } catch (error) {
        if (file === asPath) throw error;
        refused.set(basename(file, extname(file)), error as Error);
        options.logger.error({ file, reason: (error as Error).message }, 'scenario refused');
      }
    }
    const name = asPath ? (this.#byFile(asPath)?.name ?? '') : options.defaultScenario;
    // A broken file of the default's name (even one shadowed by a shipped file) stops startup.
    const broken = refused.get(name);
    if (broken) throw broken;
    const chosen = this.#scenarios.get(name);
    if (!chosen) {
      throw new ScenarioError(
        `--scenario ${options.defaultScenario}: no such scenario; available: ${this.names().join(', ')}`,
      );
    }
    this.#default = chosen;
  }

  get default(): Scenario {
    return this.#default;
  }

  names(): string[] {
    return [...this.#scenarios.keys()].sort();
  }

  get(name: string): Scenario | undefined {
    return this.#scenarios.get(name);
  }

  list(): Scenario[] {
    return this.names().map((n) => this.#scenarios.get(n) as Scenario);
  }

  /** Makes a loaded scenario the default; its request count and time window start again. */
  select(name: string): Scenario | undefined {
    const scenario = this.#scenarios.get(name);
    if (scenario) {
      scenario.activate();
      this.#default = scenario;
    }
    return scenario;
  }

  /** Validates a definition (from a file or an admin request) and builds its scenario; throws ScenarioError. */
  build(definition: unknown, source: string, fallbackName?: string): Scenario {
    const parsed = scenarioSchema.safeParse(definition, { error: describeIssue });
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      const where = issue?.path.length ? fieldPath('', issue.path) : 'top level';
      throw new ScenarioError(`${source}: ${sentence(where, issue?.message ?? 'is invalid')}`);
    }
    const name = parsed.data.name ?? fallbackName;
    if (!name) throw new ScenarioError(`${source}: name: is required`);
    const { random, clock } = this.#options;
    return new Scenario({ ...parsed.data, name }, source, random.fork(`scenario:${name}`), clock);
  }

  /** Reads and builds one file; throws ScenarioError naming the file. */
  load(file: string): Scenario {
    return this.build(readScenario(file), file, basename(file, extname(file)));
  }

  /** Adds (or replaces) a scenario, keeping the default pointing at the current version. */
  install(scenario: Scenario): void {
    this.#add(scenario);
  }

  /**
   * Reloads files as they change; an invalid edit keeps the previous version and is logged.
   * Folders are watched, not files: editors save by renaming a new file over the old one, which a
   * watch on the file itself stops following.
   */
  watch(): void {
    const folders = new Map<string, string | undefined>(
      this.#options.dirs.map((d) => [resolve(d), undefined]),
    );
    if (looksLikePath(this.#options.defaultScenario)) {
      const file = resolve(this.#options.defaultScenario);
      if (!folders.has(dirname(file))) folders.set(dirname(file), basename(file));
    }
    for (const [folder, only] of folders) {
      const watcher = watch(folder, (_event, filename) => {
        const name = filename?.toString();
        if (!name || (only !== undefined && name !== only)) return;
        const file = join(folder, name);
        if (!EXTENSIONS.has(extname(file)) || !statSafe(file)?.isFile()) return;
        try {
          const scenario = this.load(file);
          this.#add(scenario);
          this.#options.logger.info({ file, scenario: scenario.name }, 'scenario reloaded');
        } catch (error) {
          this.#options.logger.error(
            { file, reason: (error as Error).message },
            'scenario edit refused; keeping the previous version',
          );
        }
      });
      watcher.unref();
      this.#watchers.push(watcher);
    }
  }

  close(): void {
    for (const watcher of this.#watchers.splice(0)) watcher.close();
  }

  #byFile(file: string): Scenario | undefined {
    return [...this.#scenarios.values()].find((s) => s.source === file);
  }

  #add(scenario: Scenario): void {
    const replacing = this.#scenarios.get(scenario.name);
    this.#scenarios.set(scenario.name, scenario);
    if (replacing && replacing === this.#default) this.#default = scenario;
  }
}

function looksLikePath(value: string): boolean {
  return value.includes('/') || EXTENSIONS.has(extname(value));
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function scenarioFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new ScenarioError(
      `${dir}: cannot read the scenarios folder (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  return names
    .filter((n) => EXTENSIONS.has(extname(n)))
    .sort()
    .map((n) => join(dir, n));
}

function readScenario(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return YAML.parse(text);
  } catch (error) {
    throw new ScenarioError(`${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}
