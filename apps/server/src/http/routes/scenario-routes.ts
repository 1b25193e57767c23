// Scenarios a logged-in user can practise (the softphone's "practice now" picker).
import { Router } from 'express';
import type { ScenarioLibrary } from '../../calls/scenario-library.js';

export function scenarioRoutes(library: ScenarioLibrary): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(library.list());
  });
  return router;
}
