// @callsim/audio — public API (filled in by its issue).
export {};
