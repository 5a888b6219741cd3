/**
 * A hunt that cannot be rendered or exported as asked: an unknown template or profile, a bad
 * parameter (a domain that is not one, a number out of range). The message names the culprit.
 */
export class HuntError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HuntError';
  }
}
