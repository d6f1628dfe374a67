/**
 * API misuse in the core (an unknown scheme, an unparsable period) throws a CoreError with a code and a
 * Chinese message. Problems in the clerk's data are never thrown: they are reported as values.
 */
export class CoreError extends Error {
  override readonly name = "CoreError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
