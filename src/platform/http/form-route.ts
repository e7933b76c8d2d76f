/**
 * One way for a page's form to be received (Decidim's "a form object validates, a command does the
 * work"): the body is checked against a TypeBox schema, the route's `handle` calls the service, and
 * an `Invalid` from either becomes the same page drawn again with status 422, the message beside
 * each field and what the person typed still in the fields. Routes no longer catch errors by hand.
 *
 *   formRoute(app, '/kelola/desa/:code', {
 *     preHandler: requireStaff(),
 *     body: formBody({ address: textField(), phone: textField() }),
 *     page: async (request, { values, errors }) => <VillageOfficePage … values={values} errors={errors} />,
 *     handle: async (request, reply, form) => { await updateVillageOffice(…, form); return reply.redirect(…, 303); },
 *   });
 *
 * The schema is lenient by design: text fields are optional strings, so a field the browser left
 * out reaches the service as absent and the service says what is wrong in its own words. It still
 * types the body (no `as Form`), refuses a list where one value belongs, and lists the fields for
 * the hostile-input walk. The platform's preValidation guard (input.ts) runs first: control
 * characters, fields sent twice and non-text JSON values stay a 400.
 */
import { type Static, type TObject, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerHookHandler,
} from 'fastify';
import { t } from '../i18n/index.ts';
import type { SafeHtml } from '../ui/jsx-runtime.ts';
import { type DomainError, Invalid } from './errors.ts';
import { assertPlainText } from './input.ts';

/** The path parameters named in a route's URL: '/a/:ticket/b/:id' → 'ticket' | 'id'. */
type ParamNames<U extends string> = U extends `${string}:${infer P}/${infer R}`
  ? P | ParamNames<`/${R}`>
  : U extends `${string}:${infer P}`
    ? P
    : never;

export type FormRequest<U extends string> = FastifyRequest<{ Params: { [K in ParamNames<U>]: string } }>;

/** What was sent: a record form (every field text) stays a record, a named form has its fields optional. */
export type FormValues<B extends TSchema> = string extends keyof Static<B> ? Static<B> : Partial<Static<B>>;

/** What the page needs to draw the form again after a refusal. */
export interface FormState<B extends TSchema, F> {
  /** what was sent (the CSRF token left out), to put back into the fields */
  values: FormValues<B>;
  /** field → message, in the visitor's language */
  errors: Record<string, string>;
  /** the summary of an `Invalid` */
  summary?: string;
  /** the message of an error listed in `showOnPage` (a login wait, a conflict) */
  message?: string;
  /** what `read` returned besides the fields (uploaded files), when it got that far */
  files?: F;
}

export interface FormRouteOptions<U extends string, B extends TSchema, F> {
  /** the body: `formBody({ … })` of `textField()`s and `textFields()` */
  body: B;
  preHandler?: preHandlerHookHandler | preHandlerHookHandler[];
  /** route config: `repeatableFields` for checkbox lists, `rateLimit` */
  config?: FastifyContextConfig;
  /**
   * Reads a body the schema cannot see as it arrives (multipart with files): the text fields,
   * checked against `body`, and the rest. Without it the url-encoded body is read.
   */
  read?: (request: FastifyRequest) => Promise<{ fields: Record<string, unknown>; files: F }>;
  /**
   * The page that holds the form, drawn again with the field errors and what was sent. Without it
   * (a button: revoke, delete, switch on) a refusal is the error page, as any domain error.
   */
  page?: (request: FormRequest<U>, state: FormState<B, F>) => SafeHtml | Promise<SafeHtml>;
  /** calls the service and answers (usually a 303 redirect); an `Invalid` it throws re-renders the page */
  handle: (request: FormRequest<U>, reply: FastifyReply, form: Static<B>, files: F) => Promise<unknown>;
  /** domain errors besides `Invalid` shown on the form (with their own status) instead of an error page */
  showOnPage?: ReadonlyArray<abstract new (...args: never[]) => DomainError>;
}

/** A text field as a browser sends it: absent when left out, so the service names what is missing. */
export function textField(options: { maxLength?: number } = {}) {
  return Type.Optional(Type.String(options));
}

/** A field the form may send several times (checkboxes); one value arrives as a list of one. */
export function textFields() {
  return Type.Optional(Type.Array(Type.String()));
}

/**
 * A form body. `extra: 'text'` also accepts fields not named (the service reads them: `detail_*`,
 * `remark_*`, a registry row), provided each is text.
 */
export function formBody<P extends TProperties>(properties: P, options: { extra?: 'text' } = {}): TObject<P> {
  return Type.Object(properties, options.extra === 'text' ? { additionalProperties: Type.String() } : {});
}

function fieldOf(error: ValueError): string {
  const [, first] = error.path.split('/');
  return first ? first.replaceAll('~1', '/').replaceAll('~0', '~') : '_form';
}

function messageFor(error: ValueError): string {
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return t('form.required');
    case ValueErrorType.StringMaxLength:
      return t('form.tooLong', { max: String(error.schema.maxLength) });
    case ValueErrorType.StringMinLength:
      return t('form.required');
    case ValueErrorType.Literal:
    case ValueErrorType.Union:
      return t('form.choice');
    case ValueErrorType.String:
      return t('form.oneValue');
    default:
      return t('form.invalid');
  }
}

/** Field → message for a body the schema refused; the first problem of each field is enough. */
export function schemaErrors(errors: Iterable<ValueError>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const field = fieldOf(error);
    out[field] ??= messageFor(error);
  }
  return out;
}

/** A single value of a repeatable field arrives as a string; the schema wants a list. */
function asLists(schema: TSchema, fields: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === '_csrf') continue;
    out[name] = properties[name]?.type === 'array' && typeof value === 'string' ? [value] : value;
  }
  return out;
}

/** Registers a page form's POST route; see the top of this file. */
export function formRoute<U extends string, B extends TSchema, F = undefined>(
  app: FastifyInstance,
  url: U,
  options: FormRouteOptions<U, B, F>,
): void {
  const check = TypeCompiler.Compile(options.body);
  app.post(
    url,
    {
      schema: { hide: true, body: options.body },
      // the body is checked here, multipart included, and a refusal is a page, not a 400
      validatorCompiler: () => () => true,
      config: { ...options.config, form: true },
      ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    },
    async (plainRequest, reply) => {
      const request = plainRequest as unknown as FormRequest<U>;
      const read = options.read
        ? await options.read(request)
        : { fields: (request.body ?? {}) as Record<string, unknown>, files: undefined as F };
      if (request.isMultipart())
        for (const [name, value] of Object.entries(read.fields))
          if (typeof value === 'string') assertPlainText(name, value);
      const fields = asLists(options.body, read.fields);
      const rerender = async (state: Omit<FormState<B, F>, 'files'>, status: number, error: Error) => {
        if (!options.page) throw error;
        return reply.page(await options.page(request, { ...state, files: read.files }), status);
      };

      if (!check.Check(fields)) {
        const errors = schemaErrors(check.Errors(fields));
        const values = Object.fromEntries(
          Object.entries(fields).filter(([name, value]) => !errors[name] && typeof value === 'string'),
        ) as FormValues<B>;
        const summary = t('form.summary');
        return rerender({ values, errors, summary }, 422, new Invalid(errors, summary));
      }
      const form = fields as Static<B>;
      try {
        return await options.handle(request, reply, form, read.files);
      } catch (error) {
        if (error instanceof Invalid && error.status === 422)
          return rerender(
            { values: form as FormValues<B>, errors: error.fields, summary: error.message },
            422,
            error,
          );
        const shown = options.showOnPage?.find((kind) => error instanceof kind);
        if (shown)
          return rerender(
            { values: form as FormValues<B>, errors: {}, message: (error as DomainError).message },
            (error as DomainError).status,
            error as DomainError,
          );
        throw error;
      }
    },
  );
}
