import { ApiError } from './errors';
import type { JsonObject } from './types';

/*
 * Validation messages as kube-apiserver words them:
 * k8s.io/apimachinery/pkg/api/validate/content (dns.go, kube.go, errors.go)
 * and k8s.io/apimachinery/pkg/util/validation/field (errors.go: the
 * `path: Invalid value: "x": detail` form and the `[a, b]` aggregate).
 */

function regexError(msg: string, re: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${re}')`;
  const e = examples.map(x => `'${x}', `).join(' or ');
  return `${msg} (e.g. ${e}regex used for validation is '${re}')`;
}

/** `bytes` in the content package; object names (util/validation) still say `characters`. */
const maxLen = (n: number, unit: 'bytes' | 'characters' = 'bytes') =>
  `must be no more than ${n} ${unit}`;

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const LABEL_KEY = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${LABEL_KEY})?`;
const whole = (re: string) => new RegExp(`^(?:${re})$`);

function isDns1123Subdomain(
  value: string,
  unit: 'bytes' | 'characters' = 'bytes',
): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLen(253, unit));
  if (!whole(DNS1123_SUBDOMAIN).test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  }
  return errs;
}

function isDns1123Label(
  value: string,
  unit: 'bytes' | 'characters' = 'bytes',
): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63, unit));
  if (!whole(DNS1123_LABEL).test(value)) {
    errs.push(
      whole(DNS1123_SUBDOMAIN).test(value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL,
            'my-name',
            '123-abc',
          ),
    );
  }
  return errs;
}

const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** content.IsLabelKey (IsQualifiedName). */
export function isLabelKey(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (!prefix.length) errs.push('prefix part must be non-empty');
    else errs.push(...isDns1123Subdomain(prefix).map(m => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(
        LABEL_KEY_MSG,
        LABEL_KEY,
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (!name.length) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!whole(LABEL_KEY).test(name)) {
    errs.push(
      `name part ${regexError(
        LABEL_KEY_MSG,
        LABEL_KEY,
        'MyName',
        'my.name',
        '123-abc',
      )}`,
    );
  }
  return errs;
}

/** content.IsLabelValue. */
export function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLen(63));
  if (!whole(LABEL_VALUE).test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** One field.Error. */
export interface FieldError {
  /** field.Path as a string; undefined prints as `<nil>`. */
  field?: string;
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported';
  /** The bad value (Invalid only). */
  value?: string;
  detail: string;
}

/** field.Error.ErrorBody: `Invalid value: "x": detail`, `Required value: detail`, … */
function errorBody(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueInvalid':
      return `Invalid value: ${JSON.stringify(e.value ?? '')}: ${e.detail}`;
    case 'FieldValueNotSupported':
      return `Unsupported value: ${JSON.stringify(e.value ?? '')}: ${e.detail}`;
    case 'FieldValueRequired':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    default:
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
  }
}

/** field.Error.Error(). */
export function fieldErrorString(e: FieldError): string {
  return `${e.field ?? '<nil>'}: ${errorBody(e)}`;
}

/** An aggregate's Error(): one message as is, several as `[a, b]`. */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/**
 * errors.NewInvalid: 422 `Kind "name" is invalid: <aggregate>` with a cause per error
 * (`group` is the API group, `kind` the Kind).
 */
export function invalidObject(
  kind: string,
  group: string,
  name: string,
  errs: FieldError[],
): ApiError {
  const details: JsonObject = {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind,
    causes: errs.map(e => ({
      reason: e.type,
      message: errorBody(e),
      field: e.field ?? '',
    })),
  };
  const qualified = group ? `${kind}.${group}` : kind;
  return new ApiError(
    422,
    'Invalid',
    `${qualified} "${name}" is invalid: ${aggregate(
      errs.map(fieldErrorString),
    )}`,
    details,
  );
}

/**
 * The validation of metadata.name per kind (ValidateObjectMeta with each kind's name function,
 * k8s.io/apimachinery/pkg/util/validation): Namespaces and Services (RelaxedServiceNameValidation,
 * on in 1.36) are DNS-1123 labels, everything else a DNS-1123 subdomain.
 */
export function nameErrors(kind: string, name: string): string[] {
  switch (kind) {
    case 'Namespace':
    case 'Service':
      return isDns1123Label(name, 'characters');
    default:
      return isDns1123Subdomain(name, 'characters');
  }
}
