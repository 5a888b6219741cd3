/** An input that is not a valid domain name; the message names the input and the reason. */
export class InvalidDomainError extends Error {
  constructor(readonly input: string, readonly reason: string) {
    super(`invalid domain name ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidDomainError';
  }
}
