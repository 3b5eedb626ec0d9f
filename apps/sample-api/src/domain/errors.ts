/** An error the HTTP layer answers with its status (400, 404, 409) and message, naming the field when there is one. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function notFound(kind: string, id: string): DomainError {
  return new DomainError(404, `no ${kind} with id ${id}`);
}
