import express, { type Express } from 'express';
import type { AccountRegistry } from '../accounts/accounts.js';
import { errors } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { Clock } from '../runtime/clock.js';
import { type ScenarioCatalogue, ScenarioError } from '../scenarios/catalogue.js';
import type { Scenario } from '../scenarios/scenario.js';
import { VERSION } from '../version.js';

export interface AdminDeps {
  accounts: AccountRegistry;
  seed: number;
  clock: Clock;
  scenarios: ScenarioCatalogue;
}

const describe = (s: Scenario) => ({
  name: s.name,
  description: s.description,
  source: s.source,
  explain: s.explain(),
  rules: s.rules(),
});

/** `/__admin/*`: the emulator's own endpoints, never clashing with Exotel's paths. */
export function mountAdmin(app: Express, deps: AdminDeps): void {
  const startedAt = deps.clock.now();
  app.get('/__admin/health', (_req, res) => {
    sendJson(res, 200, {
      status: 'ok',
      version: VERSION,
      seed: deps.seed,
      uptime_ms: deps.clock.now() - startedAt,
      accounts: deps.accounts.list().map((a) => a.sid),
      scenario: deps.scenarios.default.name,
    });
  });

  app.get('/__admin/scenarios', (_req, res) => {
    sendJson(res, 200, {
      default: deps.scenarios.default.name,
      scenarios: deps.scenarios.list().map(describe),
    });
  });

  /**
   * Switches the default scenario: `{"name": "outage"}` picks a loaded one; a whole definition
   * (`{"name", "description", "messages": [...]}`) is validated, loaded and picked. Anything wrong
   * answers 400 and leaves the running scenario as it was.
   */
  app.put('/__admin/scenario', express.json({ limit: '1mb' }), (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw errors.invalidScenario('Send {"name": "<scenario>"} or a whole scenario definition as JSON');
    }
    let scenario: Scenario | undefined;
    if ('description' in body) {
      try {
        scenario = deps.scenarios.build(body, 'PUT /__admin/scenario');
      } catch (error) {
        if (error instanceof ScenarioError) throw errors.invalidScenario(error.message);
        throw error;
      }
      deps.scenarios.install(scenario);
      deps.scenarios.select(scenario.name);
    } else {
      const name = 'name' in body && typeof body.name === 'string' ? body.name : '';
      scenario = deps.scenarios.select(name);
      if (!scenario) throw errors.unknownScenario(name, deps.scenarios.names());
    }
    sendJson(res, 200, { default: scenario.name, scenario: describe(scenario) });
  });
}
