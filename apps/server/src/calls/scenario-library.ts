// The scenarios this node can play, loaded from the call-scripts folder at start.
// Files with errors are left out (and logged); `callsim validate` shows why.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedScenario } from '@callsim/call-script';
import { AppError, type ScenarioSummaryDto } from '@callsim/protocol';
import { loadCallScriptLibrary } from '../call-scripts/load-call-scripts.js';
import type { Logger } from '../logging/logger.js';

export class ScenarioLibrary {
  private scenarios = new Map<string, ResolvedScenario>();

  constructor(
    readonly rootDir: string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    const library = await loadCallScriptLibrary(this.rootDir, { projectDir: path.dirname(this.rootDir) });
    const errors = library.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      this.logger.warn(
        {
          problems: errors
            .slice(0, 20)
            .map((d) => `${path.relative(this.rootDir, d.file)}:${d.line}: ${d.message}`),
          count: errors.length,
        },
        'call-script problems: scenarios with errors are not offered (run `callsim validate`)',
      );
    }
    this.scenarios = new Map(library.scenarios.map((s) => [s.id, s]));
    this.logger.info({ scenarios: this.scenarios.size, dir: this.rootDir }, 'call scripts loaded');
  }

  get(id: string): ResolvedScenario {
    const scenario = this.scenarios.get(id);
    if (!scenario)
      throw new AppError('SCENARIO_NOT_FOUND', 'no such scenario', { details: { scenarioId: id } });
    return scenario;
  }

  has(id: string): boolean {
    return this.scenarios.has(id);
  }

  list(): ScenarioSummaryDto[] {
    return [...this.scenarios.values()]
      .map((s) => ({
        id: s.id,
        title: s.title,
        summary: s.summary,
        locale: s.locale,
        direction: s.direction,
        category: s.category,
        difficulty: s.difficulty,
        persona: s.customer.persona,
        skills: [...s.skills],
      }))
      .sort(
        (a, b) =>
          a.locale.localeCompare(b.locale) ||
          a.direction.localeCompare(b.direction) ||
          a.id.localeCompare(b.id),
      );
  }

  /** Absolute path of a recorded clip named in a scenario: beside the scenario file, else under the library root. */
  clipPath(scenario: ResolvedScenario, clip: string): string | null {
    const candidates = [
      scenario.file ? path.resolve(path.dirname(scenario.file), clip) : null,
      path.resolve(this.rootDir, clip),
    ];
    for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
    return null;
  }
}
