// Fills `{company.name}`-style variables into customer lines and 话术 examples for display.
// Guarantees: never throws; a variable that cannot be filled stays visible as written
// (`{customer.facts.x}`) and is listed in `unknown` so the validator can warn about it.

/** Values available to `{…}` variables in lines, examples and phrases. */
export interface RenderVars {
  readonly company?: Readonly<Record<string, string>> | null;
  readonly agent?: { readonly id?: string; readonly name?: string } | null;
  readonly customer?: {
    readonly name?: string;
    readonly persona?: string;
    readonly facts?: Readonly<Record<string, string | number | boolean>>;
  } | null;
}

/** Result of {@link renderText}. */
export interface RenderedText {
  readonly text: string;
  /** Variable names that could not be filled, in order of appearance, without braces. */
  readonly unknown: readonly string[];
}

const VARIABLE = /\{([\p{L}_][\p{L}\p{N}_-]*(?:\.[\p{L}\p{N}_-]+)*)\}/gu;

/** Names of all `{variables}` in `text`, without braces, in order of appearance. */
export function listVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? '');
}

/** Replaces every known `{variable}` in `text`; unknown ones are left as written. */
export function renderText(text: string, vars: RenderVars): RenderedText {
  const unknown: string[] = [];
  const rendered = text.replace(VARIABLE, (whole, name: string) => {
    const value = lookupVariable(name, vars);
    if (value === undefined) {
      unknown.push(name);
      return whole;
    }
    return value;
  });
  return { text: rendered, unknown };
}

/**
 * The value of one variable (`company.name`, `agent.id`, `agent.name`, `customer.name`,
 * `customer.persona`, `customer.facts.<key>`, or any other `company.<field>`), or undefined.
 */
export function lookupVariable(name: string, vars: RenderVars): string | undefined {
  const [root, key, sub, ...rest] = name.split('.');
  if (key === undefined) return undefined;
  if (root === 'company' && sub === undefined) return own(vars.company, key);
  if (root === 'agent' && sub === undefined && (key === 'id' || key === 'name')) return vars.agent?.[key];
  if (root === 'customer') {
    if (sub === undefined && (key === 'name' || key === 'persona')) return vars.customer?.[key];
    if (key === 'facts' && sub !== undefined && rest.length === 0) {
      const value = own(vars.customer?.facts, sub);
      return value === undefined ? undefined : String(value);
    }
  }
  return undefined;
}

/**
 * True when the variable will be filled during a call: like {@link lookupVariable}, but
 * `agent.id` and `agent.name` always count because they come from the logged-in trainee.
 */
export function isKnownVariable(name: string, vars: RenderVars): boolean {
  if (name === 'agent.id' || name === 'agent.name') return true;
  return lookupVariable(name, vars) !== undefined;
}

function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  if (record === null || record === undefined) return undefined;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
