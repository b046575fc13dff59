import { badRequest } from './errors';
import {
  aggregate,
  FieldError,
  fieldErrorString,
  isLabelKey,
  isLabelValue,
} from './validation';

/*
 * Label selectors parsed as k8s.io/apimachinery/pkg/labels/selector.go does
 * (its Lexer and Parser, with the same error messages): a malformed selector
 * is the same 400 here as on a real API server.
 */

/** One requirement of a label selector. */
export type Requirement =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

type Tok =
  | 'error'
  | 'eos'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'id'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

const KEYWORDS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isSpace = (c: string) =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

function lex(s: string): Array<{ tok: Tok; lit: string }> {
  const items: Array<{ tok: Tok; lit: string }> = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s[pos])) {
      let buffer = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buffer += s[pos];
        const tok = KEYWORDS[buffer];
        if (tok) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(
        last ?? {
          tok: 'error',
          lit: `error expected: keyword found '${buffer}'`,
        },
      );
      continue;
    }
    let buffer = '';
    while (pos < s.length && !isSpecial(s[pos]) && !isSpace(s[pos])) {
      buffer += s[pos++];
    }
    const keyword = KEYWORDS[buffer];
    items.push({ tok: keyword ?? 'id', lit: buffer });
  }
}

class SelectorError extends Error {}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private position = 0;
  constructor(private readonly items: Array<{ tok: Tok; lit: string }>) {}

  /** In value context `in`/`notin` are identifiers. */
  private lookahead(values: boolean): { tok: Tok; lit: string } {
    const it = this.items[this.position];
    return values && (it.tok === 'in' || it.tok === 'notin')
      ? { tok: 'id', lit: it.lit }
      : it;
  }

  private consume(values: boolean): { tok: Tok; lit: string } {
    const it = this.lookahead(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') {
        throw new SelectorError(
          `found '${lit}', expected: !, identifier, or 'end of string'`,
        );
      }
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new SelectorError(
          `unable to parse requirement: ${(e as Error).message}`,
        );
      }
      const next = this.consume(true);
      if (next.tok === 'eos') return reqs;
      if (next.tok !== ',') {
        throw new SelectorError(
          `found '${next.lit}', expected: ',' or 'end of string'`,
        );
      }
      const after = this.lookahead(true);
      if (after.tok !== 'id' && after.tok !== '!') {
        throw new SelectorError(
          `found '${after.lit}', expected: identifier after ','`,
        );
      }
    }
  }

  private requirement(): Requirement {
    let { tok, lit } = this.consume(true);
    let doesNotExist = false;
    if (tok === '!') {
      doesNotExist = true;
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'id') throw new Error(`found '${lit}', expected: identifier`);
    const key = lit;
    const keyErrs = isLabelKey(key);
    if (keyErrs.length) {
      throw new Error(
        fieldErrorString({
          type: 'FieldValueInvalid',
          value: key,
          detail: keyErrs.join('; '),
        }),
      );
    }
    // `!key` is complete whatever follows (parseRequirement returns at once for it)
    if (doesNotExist) return { key, op: '!exists' };
    const ahead = this.lookahead(true).tok;
    if (ahead === 'eos' || ahead === ',') return { key, op: 'exists' };
    const op = this.consume(false);
    let values: string[];
    let kind: Requirement['op'];
    switch (op.tok) {
      case 'in':
      case 'notin':
        kind = op.tok;
        values = this.setValues();
        break;
      case '=':
      case '==':
        kind = '=';
        values = [this.exactValue()];
        break;
      case '!=':
        kind = '!=';
        values = [this.exactValue()];
        break;
      case '>':
        kind = 'gt';
        values = [this.exactValue()];
        break;
      case '<':
        kind = 'lt';
        values = [this.exactValue()];
        break;
      default:
        throw new Error(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    }
    return newRequirement(key, kind, values);
  }

  private setValues(): string[] {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === ')') {
      this.consume(true);
      return [''];
    }
    if (tok !== 'id' && tok !== ',') {
      throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    }
    const set = new Set<string>();
    for (;;) {
      const item = this.consume(true);
      if (item.tok === 'id') {
        set.add(item.lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') break;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      } else if (item.tok === ',') {
        if (set.size === 0) set.add('');
        const next = this.lookahead(true).tok;
        if (next === ')') {
          set.add('');
          break;
        }
        if (next === ',') set.add('');
      } else {
        throw new Error(`found '${item.lit}', expected: ',', or identifier`);
      }
    }
    const close = this.consume(true);
    if (close.tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
    return [...set].sort();
  }

  private exactValue(): string {
    const ahead = this.lookahead(true).tok;
    if (ahead === 'eos' || ahead === ',') return '';
    const { tok, lit } = this.consume(true);
    if (tok === 'id') return lit;
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** labels.NewRequirement's validation of the values. */
function newRequirement(
  key: string,
  op: Requirement['op'],
  values: string[],
): Requirement {
  const errs: FieldError[] = [];
  if ((op === 'in' || op === 'notin') && values.length === 0) {
    errs.push({
      field: 'values',
      type: 'FieldValueInvalid',
      value: '[]',
      detail: "for 'in', 'notin' operators, values set can't be empty",
    });
  }
  if (op === 'gt' || op === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) {
        errs.push({
          field: `values[${i}]`,
          type: 'FieldValueInvalid',
          value: v,
          detail: "for 'Gt', 'Lt' operators, the value must be an integer",
        });
      }
    });
  }
  values.forEach((v, i) => {
    const msgs = isLabelValue(v);
    if (msgs.length) {
      errs.push({
        field: `values[${i}][${key}]`,
        type: 'FieldValueInvalid',
        value: v,
        detail: msgs.join('; '),
      });
    }
  });
  if (errs.length) throw new Error(aggregate(errs.map(fieldErrorString)));
  switch (op) {
    case 'in':
    case 'notin':
      return { key, op, values };
    case 'gt':
    case 'lt':
      return { key, op, value: Number(values[0]) };
    case '=':
    case '!=':
      return { key, op, value: values[0] };
    default:
      return { key, op: 'exists' };
  }
}

/**
 * Parses a label selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h,i>1`); a malformed one is a
 * 400 with the message the API server gives.
 */
export function parseLabelSelectorStrict(
  selector: string | undefined | null,
): Requirement[] {
  if (!selector) return [];
  try {
    return new Parser(lex(selector)).parse();
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}
