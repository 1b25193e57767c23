// Checks a scenario's turn graph: the start turn exists, every goto lands on a turn,
// every turn is reachable and can reach an `end` turn, every `next` has a default,
// and every `when.step` names a step of the merged script. Diagnostics point at the key.
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialogue } from '../format/types.js';
import type { Locator } from '../format/yaml-source.js';

/** Graph diagnostics for `dialogue`; `stepIds` are the steps after template merge. */
export function checkDialogue(
  dialogue: Dialogue,
  stepIds: ReadonlySet<string>,
  file: string,
  locate: Locator,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const turns = dialogue.turns;
  const ids = Object.keys(turns);
  const exists = (id: string) => Object.hasOwn(turns, id);
  const turnPath = (id: string) => ['dialogue', 'turns', id];

  if (!exists(dialogue.start)) {
    out.push(
      diagnostic(
        file,
        locate(['dialogue', 'start']),
        'unknown-start',
        `dialogue.start names turn "${dialogue.start}", which is not under dialogue.turns`,
      ),
    );
  }
  for (const id of ids) {
    const turn = turns[id];
    if (turn === undefined) continue;
    const next = turn.next ?? [];
    if (turn.end === true && next.length > 0) {
      out.push(
        diagnostic(
          file,
          locate([...turnPath(id), 'next']),
          'end-turn-has-next',
          `turn "${id}" has end: true, so its next is never used`,
        ),
      );
    }
    next.forEach((branch, index) => {
      const branchPath = [...turnPath(id), 'next', index];
      if (!exists(branch.goto)) {
        out.push(
          diagnostic(
            file,
            locate([...branchPath, 'goto']),
            'unknown-goto',
            `turn "${id}" goes to "${branch.goto}", which is not a turn`,
          ),
        );
      }
      branch.when?.step?.forEach((stepId, k) => {
        if (!stepIds.has(stepId)) {
          out.push(
            diagnostic(
              file,
              locate([...branchPath, 'when', 'step', k]),
              'unknown-step',
              `turn "${id}" branches on step "${stepId}", which is not a step of this script`,
            ),
          );
        }
      });
    });
    if (turn.end !== true && next.length > 0) {
      const firstDefault = next.findIndex((b) => b.when === undefined);
      if (firstDefault < 0) {
        out.push(
          diagnostic(
            file,
            locate([...turnPath(id), 'next']),
            'no-default-branch',
            `turn "${id}": next has no default branch (one without when)`,
          ),
        );
      } else if (firstDefault < next.length - 1) {
        out.push(
          diagnostic(
            file,
            locate([...turnPath(id), 'next', firstDefault + 1]),
            'unreachable-branch',
            `turn "${id}": branches after the default branch are never taken`,
          ),
        );
      }
    }
  }

  const reachable = reachableFrom(dialogue);
  const canEnd = turnsThatCanEnd(dialogue);
  for (const id of ids) {
    if (!reachable.has(id)) {
      out.push(
        diagnostic(
          file,
          locate(turnPath(id)),
          'unreachable-turn',
          `turn "${id}" can never be reached from the start turn "${dialogue.start}"`,
        ),
      );
    } else if (!canEnd.has(id)) {
      const turn = turns[id];
      const why =
        (turn?.next ?? []).length === 0
          ? 'it is not an end turn and has no next'
          : 'no branch leads to a turn with end: true';
      out.push(
        diagnostic(
          file,
          locate(turnPath(id)),
          'no-path-to-end',
          `turn "${id}" can never end the call: ${why}`,
        ),
      );
    }
  }
  return out;
}

function reachableFrom(dialogue: Dialogue): Set<string> {
  const seen = new Set<string>();
  const queue = Object.hasOwn(dialogue.turns, dialogue.start) ? [dialogue.start] : [];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const turn = dialogue.turns[id];
    if (turn === undefined || turn.end === true) continue;
    for (const branch of turn.next ?? []) {
      if (Object.hasOwn(dialogue.turns, branch.goto)) queue.push(branch.goto);
    }
  }
  return seen;
}

function turnsThatCanEnd(dialogue: Dialogue): Set<string> {
  const entries = Object.entries(dialogue.turns);
  const canEnd = new Set(entries.filter(([, t]) => t.end === true).map(([id]) => id));
  let changed = true;
  while (changed) {
    changed = false;
    for (const [id, turn] of entries) {
      if (canEnd.has(id)) continue;
      if ((turn.next ?? []).some((b) => canEnd.has(b.goto))) {
        canEnd.add(id);
        changed = true;
      }
    }
  }
  return canEnd;
}
