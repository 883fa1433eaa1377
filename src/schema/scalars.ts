import { Kind } from 'graphql';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { gatewayError } from '../errors/translate.ts';
import { builder } from './builder.ts';

/**
 * Job and run ids are int64 on GitHub (~1.1e11 today), beyond GraphQL's 32-bit Int. They are positive
 * and below 2^53, so a JS number holds them exactly: serialized as a JSON number, accepted as a JSON
 * number or a decimal string. Anything else (negative, fractional, beyond 2^53, hex) is BAD_USER_INPUT.
 */
function parseBigInt(value: unknown): number {
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 0) {
    throw gatewayError('BAD_USER_INPUT', 'BigInt must be a non-negative whole number below 2^53, as a JSON number or a decimal string');
  }
  return number;
}

builder.scalarType('BigInt', {
  description: '64-bit-safe integer (GitHub ids). Serialized as a JSON number; accepts a number or a decimal string.',
  serialize: (value) => value,
  parseValue: parseBigInt,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseBigInt(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
    throw gatewayError('BAD_USER_INPUT', 'BigInt must be an integer or a decimal string literal');
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', URLResolver);
