// Cryptographic hashes of a string's UTF-8 bytes as lower-case hex: hash_sha256, hash_sha1,
// hash_md5. hash() (xxhash64 of Kusto's internal representation, a 64-bit result that a double
// cannot hold) is not supported.
import { createHash } from 'node:crypto';
import { scalar, stringFunction } from './kernel/functions';
import { NotSupportedError, type ScalarFunction } from './types';

function digest(algorithm: string): ScalarFunction {
  return stringFunction((s) => createHash(algorithm).update(s, 'utf8').digest('hex'));
}

export const hashFunctions: Record<string, ScalarFunction> = {
  hash_sha256: digest('sha256'),
  hash_sha1: digest('sha1'),
  hash_md5: digest('md5'),
  hash: scalar(() => {
    throw new NotSupportedError('hash() (xxhash64)');
  }),
};
