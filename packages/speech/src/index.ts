// @callsim/speech — public API (filled in by its issue).
export {};
