// @callsim/scoring — public API (filled in by its issue).
export {};
