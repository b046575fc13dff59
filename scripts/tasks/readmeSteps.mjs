// The install steps of the root README, as the fresh-app step (fresh-app.mjs) applies them: a
// fenced block preceded by an HTML comment `<!-- fresh-app: <verb> … -->` (invisible on GitHub)
// is a step. Verbs:
//   run                           each line of the block is a command, run in the app's root
//   merge <file>                  the block (YAML or JSON) is merged into <file> of the app: objects
//                                 key by key, lists appended, other values replaced — "add this to
//                                 your app-config.yaml"
//   insert <file> before "<text>" the block goes into <file> before the first line holding <text>
// `variant=<name>` limits a step to one variant of the test (e.g. how the clusters are configured);
// a step without it applies to every variant. Pure functions, no I/O.

const DIRECTIVE = /^<!--\s*fresh-app:\s*(.*?)\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;

/** Parses one directive's text (`insert packages/backend/src/index.ts before "x" variant=y`). */
export function parseDirective(text) {
  const words = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  }
  const step = {};
  const rest = [];
  for (const word of words) {
    const kv = /^variant=(.+)$/.exec(word);
    if (kv) step.variant = kv[1];
    else rest.push(word);
  }
  const [verb, ...args] = rest;
  step.verb = verb;
  if (verb === 'run') {
    if (args.length) throw new Error(`'run' takes no arguments: ${text}`);
  } else if (verb === 'merge') {
    if (args.length !== 1) throw new Error(`'merge <file>' expected: ${text}`);
    step.file = args[0];
  } else if (verb === 'insert') {
    if (args.length !== 3 || args[1] !== 'before') {
      throw new Error(`'insert <file> before "<text>"' expected: ${text}`);
    }
    step.file = args[0];
    step.before = args[2];
  } else {
    throw new Error(`unknown fresh-app step '${verb}': ${text}`);
  }
  return step;
}

/**
 * The steps of a README in order: `{ verb, file?, before?, variant?, lang, code, line }`, `line`
 * being the 1-based line of the directive. A directive not followed by a fenced block (blank lines
 * between are allowed) is an error, so a step cannot silently fall out of the README.
 */
export function readmeSteps(markdown) {
  const lines = markdown.split('\n');
  const steps = [];
  for (let i = 0; i < lines.length; i++) {
    const directive = DIRECTIVE.exec(lines[i]);
    if (!directive) continue;
    const step = { ...parseDirective(directive[1]), line: i + 1 };
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    const open = FENCE.exec(lines[j] ?? '');
    if (!open) {
      throw new Error(
        `README line ${
          i + 1
        }: the fresh-app step is not followed by a fenced block`,
      );
    }
    const [, indent, fence, lang] = open;
    const body = [];
    let k = j + 1;
    for (; k < lines.length; k++) {
      if (lines[k].trim().startsWith(fence)) break;
      body.push(
        lines[k].startsWith(indent) ? lines[k].slice(indent.length) : lines[k],
      );
    }
    if (k === lines.length) {
      throw new Error(`README line ${j + 1}: the fenced block is not closed`);
    }
    steps.push({ ...step, lang, code: `${body.join('\n')}\n` });
    i = k;
  }
  return steps;
}

/** The steps for one variant: those without a variant and those of this one. */
export function stepsFor(steps, variant) {
  return steps.filter(s => !s.variant || s.variant === variant);
}

/** The file whose variant blocks are all a variant may change, so variants can share one app. */
export const VARIANT_FILE = 'app-config.yaml';

/**
 * Why the variants cannot share one installed app, or undefined when they can: every step
 * marked with a variant must be a `merge` into app-config.yaml, which only the backend reads,
 * when it starts (a variant's `run` or `insert` step would change what is installed or built).
 */
export function sharedAppProblem(steps) {
  const other = steps.find(
    s => s.variant && !(s.verb === 'merge' && s.file === VARIANT_FILE),
  );
  return other
    ? `README line ${other.line}: a step of variant ${other.variant} that is not a merge into ${VARIANT_FILE}; variants with such steps need an app each`
    : undefined;
}

/**
 * A variant's app-config.yaml: `base` (create-app's) with each merge into app-config.yaml of
 * `stepsFor(steps, variant)` applied in the README's order, as applying the README for that
 * variant would leave it. `parse` reads a block (YAML or JSON).
 */
export function variantConfig(base, steps, variant, parse) {
  return stepsFor(steps, variant)
    .filter(s => s.verb === 'merge' && s.file === VARIANT_FILE)
    .reduce((config, s) => mergeConfig(config, parse(s.code, s.lang)), base);
}

/** The commands of a `run` block: its lines without comments, `\` continuations joined. */
export function commandsOf(code) {
  const commands = [];
  let current = '';
  for (const raw of code.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    current += line.trim();
    if (current.trim()) commands.push(current.trim());
    current = '';
  }
  return commands;
}

/**
 * Merges `addition` into `base` as a person adding a README snippet to their file would: objects
 * key by key, lists appended (an entry equal to one already there is not added twice), anything
 * else replaced. Returns a new value.
 */
export function mergeConfig(base, addition) {
  if (Array.isArray(base) && Array.isArray(addition)) {
    const seen = new Set(base.map(v => JSON.stringify(v)));
    return [...base, ...addition.filter(v => !seen.has(JSON.stringify(v)))];
  }
  const isObject = v =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(base) && isObject(addition)) {
    const out = { ...base };
    for (const [key, value] of Object.entries(addition)) {
      out[key] = key in base ? mergeConfig(base[key], value) : value;
    }
    return out;
  }
  return addition;
}

/** Inserts `code` before the first line of `text` that holds `before`; throws when none does. */
export function insertBefore(text, before, code) {
  const lines = text.split('\n');
  const at = lines.findIndex(l => l.includes(before));
  if (at < 0) throw new Error(`no line holds "${before}"`);
  const indent = /^\s*/.exec(lines[at])[0];
  const block = code
    .replace(/\n$/, '')
    .split('\n')
    .map(l => (l ? indent + l : l));
  return [...lines.slice(0, at), ...block, '', ...lines.slice(at)].join('\n');
}
