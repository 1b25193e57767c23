// @callsim/analysis — public API (filled in by its issue).
export {};
