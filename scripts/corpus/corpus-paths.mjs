// Where the analysis validation corpus and its committed Praat reference live (shared by the corpus scripts,
// the benchmark and the tests). Paths are absolute, derived from this file's location in the repo.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'generated', 'analysis');
export const MANIFEST_PATH = join(CORPUS_DIR, 'manifest.json');
export const PRAAT_REFERENCE_PATH = join(REPO_ROOT, 'tests', 'fixtures', 'analysis', 'praat-reference.json');
export const PRAAT_MEASURE_SCRIPT = join(REPO_ROOT, 'scripts', 'corpus', 'praat', 'measure.praat');
export const ASTERISK_DIR = '/usr/share/asterisk/sounds/en';
