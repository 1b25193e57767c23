// @callsim/call-script — public API (filled in by its issue).
export {};
